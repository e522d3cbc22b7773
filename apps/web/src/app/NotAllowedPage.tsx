import { Link } from 'wouter';
import { usePageTitle } from './usePageTitle.ts';

/** An admin page reached by a user: hidden pages are a convenience, the API's 403 is the control. */
export function NotAllowedPage() {
  usePageTitle('Not allowed');
  return (
    <section>
      <h1>Not allowed</h1>
      <p>
        This page is for administrators. <Link href="/markets">Go to the markets</Link>.
      </p>
    </section>
  );
}
