import type { components } from '../api/schema';
import { formatTime } from '../app/format.ts';
import { usePreferences } from '../app/preferences/usePreferences.ts';

type User = components['schemas']['UserViewDto'];

/** Who is signed in. */
export function ProfileCard({ user }: { user: User }) {
  const { timezone } = usePreferences();
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <dl className="facts">
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Email</dt>
        <dd>{user.email ?? 'none'}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Member since</dt>
        <dd>{formatTime(user.createdAt, timezone, 'date')}</dd>
      </dl>
    </section>
  );
}
