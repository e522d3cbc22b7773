import { Link, useLocation } from 'wouter';
import { session } from '../auth/session.ts';
import { useRole } from '../auth/useMe.ts';
import { useSession } from '../auth/useSession.ts';
import { InboxBadge } from '../notifications/InboxBadge.tsx';
import { NAV_LINKS } from './routes.ts';

/** The "Main" navigation: admin links for admins only (the API refuses the rest anyway). */
export function MainNav() {
  const { status } = useSession();
  const role = useRole();
  const [location] = useLocation();
  if (status !== 'signed-in') return null;
  const links = NAV_LINKS.filter((link) => link.access === 'user' || role === 'admin');
  return (
    // Busy until the role is read: the admin links may still appear.
    <nav aria-label="Main" aria-busy={role === null} className="main-nav">
      <ul>
        {links.map((link) => (
          <li key={link.path}>
            <Link href={link.path} aria-current={location === link.path || location.startsWith(`${link.path}/`) ? 'page' : undefined}>
              {link.label}
              {link.path === '/inbox' && <InboxBadge />}
            </Link>
          </li>
        ))}
      </ul>
      <button type="button" className="sign-out" onClick={() => void session.logout().catch(() => null)}>
        Sign out
      </button>
    </nav>
  );
}
