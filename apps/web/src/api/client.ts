/**
 * The one client of the public API, typed by schema.d.ts (generated from the gateway's /docs-json:
 * `npm run api-schema -w apps/web`). Every request carries the in-memory access token; a 401 gets one
 * refresh (shared with every concurrent caller) and one retry; a 403 re-reads the caller's role.
 *
 *   const assets = await call(api.GET('/crypto/assets'));            // data, or throws ApiError
 *   const history = await call(api.GET('/crypto/assets/{symbol}/history', { params: { path: { symbol }, query } }));
 */
import createClient from 'openapi-fetch';
import { session, type Session } from '../auth/session.ts';
import { ApiError } from './api-error.ts';
import type { paths } from './schema';

export interface AuthHooks {
  /** Called after any 403: the role may have changed since it was read. */
  onForbidden?: () => void;
}

/** fetch with the bearer token, one refresh and retry after a 401. */
export function authorisedFetch(tokens: Pick<Session, 'accessToken' | 'refreshAfter401'>, hooks: AuthHooks, send: typeof fetch = fetch) {
  return async (request: Request): Promise<Response> => {
    const spare = request.clone();
    const token = tokens.accessToken();
    const response = await send(withBearer(request, token));
    if (response.status === 403) hooks.onForbidden?.();
    if (response.status !== 401) return response;
    const fresh = await tokens.refreshAfter401(token).catch(() => null);
    return fresh === null ? response : send(withBearer(spare, fresh));
  };
}

function withBearer(request: Request, token: string | null): Request {
  if (token === null) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

export const authHooks: AuthHooks = {};

export const api = createClient<paths>({
  // Absolute, so that Request objects work outside a page too (tests); the same origin either way.
  baseUrl: globalThis.location?.origin ?? '',
  fetch: (request) => authorisedFetch(session, authHooks)(request),
});

/** The data of an openapi-fetch answer, or its ApiError. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}
