import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { PASSWORD_POLICY } from '../auth/password-policy.ts';
import { session } from '../auth/session.ts';
import { useUpdateMe } from './useUpdateMe.ts';

export const SIGN_IN_AGAIN = 'Password changed. Every session of yours has ended: sign in again.';

/** A new password; the API then ends every session, this one too, so the page signs out and goes to sign-in. */
export function PasswordForm() {
  const update = useUpdateMe();
  const [, navigate] = useLocation();
  const [next, setNext] = useState('');
  const [password, setPassword] = useState('');

  async function signInAgain() {
    toast.info(SIGN_IN_AGAIN);
    // The refresh cookie is already void; logout clears this tab's token and tells the other tabs.
    await session.logout().catch(() => null);
    navigate('/login', { replace: true });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { current_password: password, password: next },
      {
        onSuccess: () => void signInAgain(),
      },
    );
  }

  return (
    <form aria-labelledby="password-heading" onSubmit={submit}>
      <h2 id="password-heading">Password</h2>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby="new-password-policy"
        />
      </label>
      <p id="new-password-policy" className="hint">
        {PASSWORD_POLICY} Every session of yours ends, and you sign in again.
      </p>
      <label>
        Current password
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {update.isError && (
        <p className="form-error" role="alert">
          {describeError(update.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          Change password
        </button>
      </div>
    </form>
  );
}
