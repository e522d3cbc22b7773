import { Link } from 'wouter';
import { usePageTitle } from './usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/markets">Go to the markets</Link>.
      </p>
    </section>
  );
}
