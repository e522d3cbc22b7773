import { Loading } from '../app/Guard.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { session } from '../auth/session.ts';
import { useMe } from '../auth/useMe.ts';
import './account.css';
import { EmailForm } from './EmailForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { PreferencesForm } from './PreferencesForm.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { WebhooksPanel } from './WebhooksPanel.tsx';

/** Profile, email and password, preferences, webhooks, sign out. */
export default function AccountPage() {
  usePageTitle('Account');
  const me = useMe();
  return (
    <section className="account-page">
      <h1>Account</h1>
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <p className="form-error" role="alert">
          {describeError(me.error)}
        </p>
      ) : (
        <>
          <ProfileCard user={me.data} />
          <EmailForm current={me.data.email} />
          <PasswordForm />
        </>
      )}
      <PreferencesForm />
      <WebhooksPanel />
      <section aria-labelledby="session-heading">
        <h2 id="session-heading">Session</h2>
        <p className="hint">Ends the session in this browser, in every tab.</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void session.logout().catch(() => null)}>
            Log out
          </button>
        </div>
      </section>
    </section>
  );
}
