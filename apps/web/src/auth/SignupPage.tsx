import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, call } from '../api/client.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from './describe-error.ts';
import { PASSWORD_POLICY, USERNAME_POLICY } from './password-policy.ts';
import { safeNext } from './next-path.ts';
import { session } from './session.ts';

export default function SignupPage() {
  usePageTitle('Create an account');
  const search = useSearch();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/auth/signup', { body: { username, email, password } }));
      await session.login(username, password, false);
      toast.success(`Welcome, ${username}.`);
      navigate(next, { replace: true });
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="auth-page">
      <h1>Create an account</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            aria-describedby="username-policy"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <p id="username-policy" className="hint">
          {USERNAME_POLICY}
        </p>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="password-policy"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <p id="password-policy" className="hint">
          {PASSWORD_POLICY}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
      <p>
        Have an account? <Link href={search ? `/login?${search}` : '/login'}>Sign in</Link>
      </p>
    </section>
  );
}
