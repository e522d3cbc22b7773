/** Query keys whose values never go into a log line, whatever their case. */
const SENSITIVE_KEYS = new Set(['password', 'token', 'access_token', 'refresh_token', 'secret']);
/** A query that has none of these (and no percent-encoding that could spell them) has nothing to redact: most of them, every request. */
const MAY_HOLD_SENSITIVE_KEY = /password|token|secret|%/i;

function keyOf(part: string): string {
  const raw = part.split('=', 1)[0].replace(/\+/g, ' ');
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    key = raw;
  }
  // `password[]` and `password[0]` are the same key to a query parser that reads brackets.
  return key.replace(/\[.*$/, '').trim().toLowerCase();
}

/**
 * A URL as it may be logged: the value of every sensitive query key (`password`, `token`,
 * `access_token`, `refresh_token`, `secret`) replaced by `[REDACTED]`; the path, the keys and the
 * other values as they came.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || !MAY_HOLD_SENSITIVE_KEY.test(url.slice(start))) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((part) => (SENSITIVE_KEYS.has(keyOf(part)) ? `${part.split('=', 1)[0]}=[REDACTED]` : part))
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}
