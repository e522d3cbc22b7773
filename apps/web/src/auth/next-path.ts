/**
 * Where to go after signing in: `/login?next=/markets/BTC?interval=1h`. Only a path of this origin
 * (never `//evil.example`, `https://...`, `/\evil`, `javascript:`), and never back to the sign-in pages.
 */
export const HOME = '/markets';

export function safeNext(raw: string | null | undefined, origin = window.location.origin): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return HOME;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return HOME;
  }
  if (url.origin !== origin) return HOME;
  if (url.pathname === '/login' || url.pathname === '/signup') return HOME;
  return url.pathname + url.search + url.hash;
}

/** The sign-in address that brings the user back to `path` (with its query). */
export function loginPath(path: string): string {
  const next = safeNext(path);
  return next === HOME ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
