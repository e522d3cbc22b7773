import { usePageTitle } from '../app/usePageTitle.ts';

/** Admin: start and follow jobs. */
export default function AdminJobsPage() {
  usePageTitle('Jobs');
  return (
    <section>
      <h1>Jobs</h1>
      <p>Coming soon.</p>
    </section>
  );
}
