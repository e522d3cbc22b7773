import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { formatTime } from '../app/format.ts';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { authKeys } from '../auth/auth.keys.ts';
import { describeError } from '../auth/describe-error.ts';
import { adminKeys } from './admin.keys.ts';

export type UserView = components['schemas']['UserViewDto'];

type Change = { kind: 'role'; role: UserView['role'] } | { kind: 'delete' };

/** One user: change role, delete (after a confirmation); a refusal (the last admin's 409) shown next to the row. */
export function UserRow({ user, isMe }: { user: UserView; isMe: boolean }) {
  const client = useQueryClient();
  const { timezone } = usePreferences();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: async (what: Change) => {
      const path = { username: user.username };
      if (what.kind === 'delete') await call(api.DELETE('/auth/users/{username}', { params: { path } }));
      else await call(api.PUT('/auth/users/{username}/role', { params: { path }, body: { role: what.role } }));
    },
    onSettled: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: adminKeys.users() });
      if (isMe) void client.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
  const other = user.role === 'admin' ? 'user' : 'admin';
  const messageId = `user-${user.id}-message`;

  return (
    <tr>
      <th scope="row">
        {user.username}
        {isMe && <span className="muted"> (you)</span>}
        <br />
        <span className="muted">{user.email ?? 'no email'}</span>
      </th>
      <td>{user.role}</td>
      <td className="hide-narrow">{formatTime(user.createdAt, timezone, 'date')}</td>
      <td>
        <div className="confirm">
          {confirming ? (
            <>
              <span>Delete {user.username}?</span>
              <button type="button" className="danger" disabled={change.isPending} onClick={() => change.mutate({ kind: 'delete' })}>
                Yes, delete
              </button>
              <button type="button" className="secondary" autoFocus onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                disabled={change.isPending}
                aria-describedby={change.isError ? messageId : undefined}
                onClick={() => change.mutate({ kind: 'role', role: other })}
              >
                {other === 'admin' ? 'Make admin' : 'Make user'}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={change.isPending}
                aria-describedby={change.isError ? messageId : undefined}
                onClick={() => {
                  change.reset();
                  setConfirming(true);
                }}
              >
                Delete
              </button>
            </>
          )}
        </div>
        {change.isError && (
          <p id={messageId} className="row-message" role="alert">
            {describeError(change.error)}
            {change.error instanceof ApiError && change.error.status === 409 && ' Make another user an admin first.'}
          </p>
        )}
      </td>
    </tr>
  );
}
