import { describe, expect, it, vi } from 'vitest';
import { ApiError, retryAfter } from './api-error.ts';
import { Session } from '../auth/session.ts';
import { authorisedFetch, call } from './client.ts';

/** An API that accepts only the current access token, as the gateway's guard does. */
function apiAccepting(current: () => string) {
  return vi.fn<typeof fetch>(async (input) => {
    const request = input as Request;
    if (request.headers.get('Authorization') !== `Bearer ${current()}`)
      return Response.json({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' }, { status: 401 });
    return Response.json({ path: new URL(request.url).pathname, body: request.body ? await request.text() : null });
  });
}

describe('the API client', () => {
  it('sends the access token, and after a 401 refreshes once and retries with the new one, body and all', async () => {
    const tokens = { accessToken: () => 'old', refreshAfter401: vi.fn(async () => 'new') };
    const send = apiAccepting(() => 'new');
    const request = new Request('http://localhost/crypto/assets', { method: 'POST', body: '{"symbol":"SOL"}' });

    const response = await authorisedFetch(tokens, {}, send)(request);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/crypto/assets', body: '{"symbol":"SOL"}' });
    expect(tokens.refreshAfter401).toHaveBeenCalledExactlyOnceWith('old');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('three requests failing with an expired token at once wait for one refresh, then all succeed', async () => {
    let issued = 0;
    let valid = 'none';
    const gateway = vi.fn<typeof fetch>(async (input) => {
      if (String(input) === '/auth/login' || String(input) === '/auth/refresh') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        valid = `access-${++issued}`;
        return Response.json({ access_token: valid, token_type: 'Bearer', expires_in: 900 });
      }
      return apiAccepting(() => valid)(input);
    });
    const session = new Session({ fetch: gateway, setTimer: () => null, clearTimer: () => undefined });
    await session.login('alice', 'correct horse battery', false);
    valid = 'rotated'; // the access token expired

    const send = authorisedFetch(session, {}, gateway);
    const answers = await Promise.all(['/a', '/b', '/c'].map((path) => send(new Request(`http://localhost${path}`))));

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(gateway.mock.calls.filter(([input]) => String(input) === '/auth/refresh')).toHaveLength(1);
    expect(session.accessToken()).toBe('access-2');
  });

  it('gives the 401 back when the session cannot be refreshed, without a second try', async () => {
    const tokens = { accessToken: () => 'old', refreshAfter401: vi.fn(async () => null) };
    const send = apiAccepting(() => 'something else');
    const response = await authorisedFetch(tokens, {}, send)(new Request('http://localhost/auth/users/me'));
    expect(response.status).toBe(401);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('re-reads the role after a 403', async () => {
    const onForbidden = vi.fn();
    const send = vi.fn<typeof fetch>(async () =>
      Response.json({ statusCode: 403, error: 'Forbidden', message: 'admin only' }, { status: 403 }),
    );
    const tokens = { accessToken: () => 't', refreshAfter401: vi.fn(async () => 't') };
    const response = await authorisedFetch(tokens, { onForbidden }, send)(new Request('http://localhost/auth/users'));
    expect(response.status).toBe(403);
    expect(onForbidden).toHaveBeenCalledOnce();
    expect(tokens.refreshAfter401).not.toHaveBeenCalled();
  });

  it('turns the API’s error body into an ApiError with its message and Retry-After', async () => {
    const response = Response.json(
      { statusCode: 429, error: 'Too Many Requests', message: 'Too many attempts' },
      { status: 429, headers: { 'Retry-After': '42' } },
    );
    const body: unknown = await response.clone().json();
    const error = await call(Promise.resolve({ error: body, response })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, error: 'Too Many Requests', message: 'Too many attempts', retryAfterSeconds: 42 });
  });

  it('reads both forms of Retry-After', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfter('120', now)).toBe(120);
    expect(retryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90);
    expect(retryAfter(null, now)).toBeNull();
    expect(retryAfter('soon', now)).toBeNull();
  });
});
