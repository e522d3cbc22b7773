import { describe, expect, it, vi } from 'vitest';
import { Session, type SessionDeps } from './session.ts';

/**
 * A stand-in for the gateway's cookie mode as one browser sees it: one cookie jar shared by every
 * tab, refresh tokens single-use with reuse detection (a token used twice ends the session), and
 * time between reading the cookie and setting its successor, as over a network.
 */
class CookieGateway {
  cookie: string | null = null;
  private used = new Set<string>();
  private issued = 0;
  reuseDetected = false;
  refreshes = 0;

  fetch: typeof fetch = async (input, init) => {
    const path = String(input);
    const sent = this.cookie; // the browser attaches the cookie it holds when the request leaves
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (path === '/auth/login') return this.issue();
    if (path === '/auth/logout') {
      this.cookie = null;
      return new Response(null, { status: 204 });
    }
    if (path !== '/auth/refresh') return new Response('{}', { status: 404 });
    expect(new Headers(init?.headers).get('X-Candlecast-Client')).toBe('web');
    this.refreshes++;
    if (sent === null || this.reuseDetected) return this.refused();
    if (this.used.has(sent)) {
      this.reuseDetected = true;
      this.cookie = null;
      return this.refused();
    }
    this.used.add(sent);
    return this.issue();
  };

  private issue(): Response {
    this.issued++;
    this.cookie = `refresh-${this.issued}`;
    return Response.json({ access_token: `access-${this.issued}`, token_type: 'Bearer', expires_in: 900 });
  }

  private refused(): Response {
    return Response.json({ statusCode: 401, error: 'Unauthorized', message: 'Invalid refresh token' }, { status: 401 });
  }
}

/** navigator.locks' exclusive mode, shared by the "tabs" of one test: one holder at a time, in order. */
function lockManager(): NonNullable<SessionDeps['locks']> {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request: ((_name: string, work: () => Promise<unknown>) => {
      const run = tail.then(work);
      tail = run.catch(() => undefined);
      return run;
    }) as NonNullable<SessionDeps['locks']>['request'],
  };
}

const noTimers = { setTimer: () => null, clearTimer: () => undefined };

describe('the browser session', () => {
  it('sends one refresh for any number of concurrent callers in a tab', async () => {
    const gateway = new CookieGateway();
    gateway.cookie = 'refresh-0';
    const send = vi.fn(gateway.fetch);
    const session = new Session({ fetch: send, ...noTimers });

    const tokens = await Promise.all([session.refresh(), session.refresh(), session.refresh(), session.refreshAfter401(null)]);

    expect(send).toHaveBeenCalledTimes(1);
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(session.accessToken()).toBe('access-1');
    expect(session.getSnapshot().status).toBe('signed-in');
  });

  it('does not refresh again after a 401 when another caller already brought a newer token', async () => {
    const gateway = new CookieGateway();
    gateway.cookie = 'refresh-0';
    const send = vi.fn(gateway.fetch);
    const session = new Session({ fetch: send, ...noTimers });
    await session.refresh();

    expect(await session.refreshAfter401('access-stale')).toBe('access-1');
    expect(send).toHaveBeenCalledTimes(1);
    expect(await session.refreshAfter401('access-1')).toBe('access-2');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('four tabs booting at once share the cookie without triggering reuse detection', async () => {
    const gateway = new CookieGateway();
    gateway.cookie = 'refresh-0';
    const locks = lockManager();
    const tabs = Array.from({ length: 4 }, () => new Session({ fetch: gateway.fetch, locks, ...noTimers }));

    await Promise.all(tabs.map((tab) => tab.boot()));

    expect(gateway.reuseDetected).toBe(false);
    expect(gateway.refreshes).toBe(4);
    expect(tabs.map((tab) => tab.getSnapshot().status)).toEqual(['signed-in', 'signed-in', 'signed-in', 'signed-in']);
    expect(new Set(tabs.map((tab) => tab.accessToken())).size).toBe(4);
  });

  it('(the stand-in is honest) without the lock, tabs refreshing at once end the session', async () => {
    const gateway = new CookieGateway();
    gateway.cookie = 'refresh-0';
    const tabs = Array.from({ length: 4 }, () => new Session({ fetch: gateway.fetch, ...noTimers }));

    await Promise.all(tabs.map((tab) => tab.boot()));

    expect(gateway.reuseDetected).toBe(true);
  });

  it('a refused refresh ends a live session and says so once; at boot it is just "signed out"', async () => {
    const gateway = new CookieGateway();
    const booting = new Session({ fetch: gateway.fetch, ...noTimers });
    await booting.boot();
    expect(booting.getSnapshot()).toEqual({ status: 'signed-out', ended: false });

    const live = new Session({ fetch: gateway.fetch, ...noTimers });
    await live.login('alice', 'correct horse battery', false);
    gateway.cookie = null; // revoked elsewhere
    expect(await live.refresh()).toBeNull();
    expect(live.getSnapshot()).toEqual({ status: 'signed-out', ended: true });
    expect(live.accessToken()).toBeNull();
    live.acknowledgeEnded();
    expect(live.getSnapshot().ended).toBe(false);
  });

  it('skips the refresh at boot when this browser had no session, and remembers one once signed in', async () => {
    const gateway = new CookieGateway();
    const send = vi.fn(gateway.fetch);
    let had = false;
    const hint = { get: () => had, set: (on: boolean) => void (had = on) };
    const first = new Session({ fetch: send, hint, ...noTimers });
    await first.boot();
    expect(send).not.toHaveBeenCalled();
    expect(first.getSnapshot().status).toBe('signed-out');

    await first.login('alice', 'correct horse battery', true);
    expect(had).toBe(true);
    const reloaded = new Session({ fetch: send, hint, ...noTimers });
    await reloaded.boot();
    expect(reloaded.getSnapshot().status).toBe('signed-in');

    await reloaded.logout();
    expect(had).toBe(false);
  });

  it('keeps the session on a 429 (the cookie stays usable) and reports the error', async () => {
    const send = vi.fn<typeof fetch>(async (input) =>
      String(input) === '/auth/login'
        ? Response.json({ access_token: 'a', token_type: 'Bearer', expires_in: 900 })
        : Response.json(
            { statusCode: 429, error: 'Too Many Requests', message: 'Too many refreshes' },
            { status: 429, headers: { 'Retry-After': '7' } },
          ),
    );
    const session = new Session({ fetch: send, ...noTimers });
    await session.login('alice', 'correct horse battery', true);
    await expect(session.refresh()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect(session.getSnapshot().status).toBe('signed-in');
  });

  it('logs in in cookie mode with "stay signed in" and schedules the refresh before expiry', async () => {
    const send = vi.fn<typeof fetch>(async () => Response.json({ access_token: 'a', token_type: 'Bearer', expires_in: 900 }));
    const setTimer = vi.fn(() => 1);
    const session = new Session({ fetch: send, setTimer, clearTimer: () => undefined });
    await session.login('alice', 'pw', true);

    const [path, init] = send.mock.calls[0]!;
    expect(path).toBe('/auth/login');
    expect(new Headers(init?.headers).get('X-Candlecast-Client')).toBe('web');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'alice', password: 'pw', remember: true });
    expect(init?.credentials).toBe('same-origin');
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), 840_000);
  });

  it('a logout in one tab ends the others (BroadcastChannel)', async () => {
    const gateway = new CookieGateway();
    const name = `session-${Math.random()}`;
    const locks = lockManager();
    const channels = [new BroadcastChannel(name), new BroadcastChannel(name)];
    const a = new Session({ fetch: gateway.fetch, locks, channel: channels[0], ...noTimers });
    const b = new Session({ fetch: gateway.fetch, locks, channel: channels[1], ...noTimers });
    await a.login('alice', 'correct horse battery', false);
    await vi.waitFor(() => expect(b.getSnapshot().status).toBe('signed-in')); // b took its own token from the cookie

    await b.logout();

    await vi.waitFor(() => expect(a.getSnapshot().status).toBe('signed-out'));
    expect(a.accessToken()).toBeNull();
    expect(a.getSnapshot().ended).toBe(false);
    expect(gateway.reuseDetected).toBe(false);
    for (const channel of channels) channel.close();
  });
});
