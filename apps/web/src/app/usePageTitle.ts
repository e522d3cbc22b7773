import { useEffect } from 'react';

/** The document's title follows the page, so that tabs and history read well. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Candlecast`;
  }, [title]);
}
