import { useSearch } from 'wouter';
import { Loading } from '../app/Guard.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useMe } from '../auth/useMe.ts';
import './admin.css';
import { UserRow } from './UserRow.tsx';
import { parsePage, USERS_PER_PAGE } from './users-paging.ts';
import { UsersPager } from './UsersPager.tsx';
import { useUsers } from './useUsers.ts';

/** Admin: users by page, their roles, deletion. */
export default function AdminUsersPage() {
  usePageTitle('Users');
  const page = parsePage(useSearch());
  const offset = (page - 1) * USERS_PER_PAGE;
  const users = useUsers(offset, USERS_PER_PAGE);
  const me = useMe();

  return (
    <section>
      <h1>Users</h1>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <p className="form-error" role="alert">
          {describeError(users.error)}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Users, page {page}</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="hide-narrow">
                    Since
                  </th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {users.data.users.map((user) => (
                  <UserRow key={user.id} user={user} isMe={me.data?.id === user.id} />
                ))}
              </tbody>
            </table>
          </div>
          <UsersPager page={page} total={users.data.total} />
        </>
      )}
    </section>
  );
}
