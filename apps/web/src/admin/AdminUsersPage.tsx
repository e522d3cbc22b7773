import { usePageTitle } from '../app/usePageTitle.ts';

/** Admin: users and roles. */
export default function AdminUsersPage() {
  usePageTitle('Users');
  return (
    <section>
      <h1>Users</h1>
      <p>Coming soon.</p>
    </section>
  );
}
