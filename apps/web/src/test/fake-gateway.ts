/**
 * The gateway as the page's fetch sees it, for component specs (jsdom has no server): answers by
 * method and path, in the API's shapes. The browser tests (step7/e2e) run the real one.
 */
import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

export function fakeGateway(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init);
    calls.push(request);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = routes[key];
    return handler ? handler(request) : Response.json({ statusCode: 404, error: 'Not Found', message: `no route ${key}` }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}

export const tokenAnswer = () => Response.json({ access_token: 'access', token_type: 'Bearer', expires_in: 900 });
export const me = (role: 'user' | 'admin') => () =>
  Response.json({ username: role === 'admin' ? 'root' : 'alice', email: null, role, createdAt: '2026-01-01T00:00:00.000Z' });
export const refused =
  (status: number, message: string, headers: Record<string, string> = {}) =>
  () =>
    Response.json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Too Many Requests', message }, { status, headers });
