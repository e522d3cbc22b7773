/**
 * A GET with the in-memory access token (and its one refresh after a 401), answered as a Response:
 * for what openapi-fetch's typed JSON does not cover, a CSV to save as a file above all.
 */
import { session } from '../auth/session.ts';
import { ApiError } from './api-error.ts';
import { authHooks, authorisedFetch } from './client.ts';

export type Query = Record<string, string | number | undefined | null>;

/** `path?query`, leaving out empty values, in the order given. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The answer to an authorised GET; a refused one throws its ApiError. */
export async function getRaw(path: string, query: Query = {}): Promise<Response> {
  const url = new URL(withQuery(path, query), globalThis.location?.origin);
  const response = await authorisedFetch(session, authHooks)(new Request(url));
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw ApiError.from(response, body);
  }
  return response;
}
