import { Link } from 'wouter';
import { pageInfo } from './users-paging.ts';

/** "21–40 of 57" with links to the pages around. */
export function UsersPager({ page, total }: { page: number; total: number }) {
  const info = pageInfo(page, total);
  return (
    <nav aria-label="Pages of users" className="pager">
      <p>
        {info.first}–{info.last} of {total}
      </p>
      {page > 1 && <Link href={page === 2 ? '/admin/users' : `/admin/users?page=${page - 1}`}>Previous page</Link>}{' '}
      {page < info.pages && <Link href={`/admin/users?page=${page + 1}`}>Next page</Link>}
    </nav>
  );
}
