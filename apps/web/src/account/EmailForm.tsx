import { useState, type FormEvent } from 'react';
import { describeError } from '../auth/describe-error.ts';
import { useUpdateMe } from './useUpdateMe.ts';

/** A new email (empty removes it), confirmed with the current password. */
export function EmailForm({ current }: { current: string | null }) {
  const update = useUpdateMe();
  const [email, setEmail] = useState(current ?? '');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ current_password: password, email: email.trim() === '' ? null : email.trim() }, { onSuccess: () => setPassword('') });
  }

  return (
    <form aria-labelledby="email-heading" onSubmit={submit}>
      <h2 id="email-heading">Email</h2>
      <label>
        New email
        <input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby="email-hint" />
      </label>
      <p id="email-hint" className="hint">
        Leave it empty to remove your email.
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
      {update.isSuccess && (
        <p role="status" className="hint">
          Email saved.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          Change email
        </button>
      </div>
    </form>
  );
}
