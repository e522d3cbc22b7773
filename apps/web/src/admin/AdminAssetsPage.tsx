import { usePageTitle } from '../app/usePageTitle.ts';

/** Admin: track and untrack Kraken pairs. */
export default function AdminAssetsPage() {
  usePageTitle('Assets');
  return (
    <section>
      <h1>Assets</h1>
      <p>Coming soon.</p>
    </section>
  );
}
