/**
 * The first path segment of every API route, now and of the steps to come (DESIGN.md, The web
 * app): an unknown path under one of them is a JSON 404, never the web app's page, so that a
 * mistyped API URL does not answer 200 with HTML. No client-side path may start with one.
 */
export const API_PREFIXES = [
  '/auth',
  '/crypto',
  '/prediction',
  '/alerts',
  '/notifications',
  '/webhooks',
  '/watchlist',
  '/preferences',
  '/docs',
  '/health',
  '/metrics',
] as const;

/** Where the web app's hashed files are served; a missing one is a JSON 404 too. */
export const STATIC_PREFIX = '/static';

/** Paths that never answer the web app's page, as path-to-regexp patterns (what @nestjs/serve-static's `exclude` takes). */
export const NOT_PAGES = [...API_PREFIXES, STATIC_PREFIX].map((prefix) => `${prefix}{/*path}`);

const NOT_PAGE = new RegExp(`^(${[...API_PREFIXES, STATIC_PREFIX].join('|')})(/|$)`, 'i');

/** Whether a path (without its query) is under an API prefix or /static, as Express matches routes: ignoring case. */
export const isNotPage = (path: string): boolean => NOT_PAGE.test(path);
