import { usePageTitle } from '../app/usePageTitle.ts';

/** Profile, email and password, sign out. */
export default function AccountPage() {
  usePageTitle('Account');
  return (
    <section>
      <h1>Account</h1>
      <p>Coming soon.</p>
    </section>
  );
}
