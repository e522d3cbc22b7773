import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Metrics } from '#libs/observability';
import { emptyDatabase } from '../../../../../test/support/fixtures.js';
import { sample } from '../../../../../test/support/metrics.js';
import { bootGateway } from '../../../../../test/support/nest-app.js';
import { loggedIn, TEST_PASSWORD } from '../../../../../test/support/users.js';

const ORIGIN = 'http://localhost:3999';
const COOKIE = '__Host-candlecast_refresh';
const REFRESH_TTL_SECONDS = 2 * 86400;
/** What a browser sends with a fetch from a page of the app. */
const SAME_ORIGIN = { 'X-Candlecast-Client': 'web', 'Sec-Fetch-Site': 'same-origin', Origin: ORIGIN };

interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lowercased; a flag's value is ''. */
  attributes: Record<string, string>;
}

/** The one Set-Cookie of an answer, read as a browser reads it. */
function setCookieOf(res: request.Response): SetCookie {
  const headers = res.headers['set-cookie'] as unknown as string[] | undefined;
  expect(headers).toHaveLength(1);
  const [pair, ...attributes] = headers![0].split(';').map((part) => part.trim());
  const at = pair.indexOf('=');
  return {
    name: pair.slice(0, at),
    value: pair.slice(at + 1),
    attributes: Object.fromEntries(
      attributes.map((a) => {
        const [name, ...value] = a.split('=');
        return [name.toLowerCase(), value.join('=')];
      }),
    ),
  };
}

/** The cookie's flags, as the contract fixes them. */
function expectSessionCookie(cookie: SetCookie, persistent: boolean): void {
  expect(cookie.name).toBe(COOKIE);
  expect(cookie.value).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);
  expect(cookie.attributes).toMatchObject({ httponly: '', secure: '', samesite: 'Strict', path: '/' });
  expect(cookie.attributes).not.toHaveProperty('domain');
  if (persistent) expect(cookie.attributes['max-age']).toBe(String(REFRESH_TTL_SECONDS));
  else {
    expect(cookie.attributes).not.toHaveProperty('max-age');
    expect(cookie.attributes).not.toHaveProperty('expires');
  }
}

function expectCleared(cookie: SetCookie): void {
  expect(cookie.name).toBe(COOKIE);
  expect(cookie.value).toBe('');
  expect(new Date(cookie.attributes.expires).getTime()).toBeLessThan(Date.now());
  expect(cookie.attributes).toMatchObject({ httponly: '', secure: '', samesite: 'Strict', path: '/' });
}

describe('cookie mode (the web app)', () => {
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  const cookieHeader = (value: string) => `${COOKIE}=${value}`;
  const me = (token: string) => http().get('/auth/users/me').set('Authorization', `Bearer ${token}`);
  const login = (username: string, extra: Record<string, unknown> = {}) =>
    http()
      .post('/auth/login')
      .set(SAME_ORIGIN)
      .send({ username, password: TEST_PASSWORD, ...extra });
  const refresh = (cookie: string) => http().post('/auth/refresh').set(SAME_ORIGIN).set('Cookie', cookieHeader(cookie)).send({});

  beforeAll(async () => {
    app = await bootGateway({
      PUBLIC_ORIGIN: ORIGIN,
      JWT_REFRESH_TTL: '2d',
      QUEUE_PREFIX: 'cookie-mode-spec',
      LOGIN_LIMIT_PER_IP: '1000',
      REFRESH_LIMIT_PER_IP: '1000',
      REFRESH_LIMIT_PER_SESSION: '1000',
    });
    await emptyDatabase(app.get(DataSource));
    for (const name of ['ada', 'grace', 'linus', 'ken', 'barbara', 'dennis']) await loggedIn(app, name);
  });

  afterAll(() => app.close());

  describe('login', () => {
    it('answers the access token only, and puts the refresh token in a session cookie', async () => {
      const res = await login('ada').expect(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      expectSessionCookie(setCookieOf(res), false);
      await me(res.body.access_token).expect(200);
    });

    it('gives a cookie that lives as long as the refresh token when asked to stay signed in', async () => {
      const res = await login('ada', { remember: true }).expect(200);
      expectSessionCookie(setCookieOf(res), true);
      expectSessionCookie(setCookieOf(await login('ada', { remember: false }).expect(200)), false);
    });

    it('refuses a remember that is not a boolean', async () => {
      const res = await login('ada', { remember: 'yes' }).expect(400);
      expect(res.body.message).toBe('remember must be true or false');
    });

    it('refuses another value of the header instead of falling back to tokens in the body', async () => {
      const res = await http()
        .post('/auth/login')
        .set({ ...SAME_ORIGIN, 'X-Candlecast-Client': 'mobile' })
        .send({ username: 'ada', password: TEST_PASSWORD })
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'X-Candlecast-Client must be web (cookie mode), or left out',
      });
    });
  });

  describe('refresh', () => {
    it('reads the cookie, answers a new access token, and sets the successor as a session cookie still', async () => {
      const first = setCookieOf(await login('grace').expect(200));
      const res = await refresh(first.value).expect(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      const successor = setCookieOf(res);
      expectSessionCookie(successor, false);
      expect(successor.value).not.toBe(first.value);
      await me(res.body.access_token).expect(200);
      expectSessionCookie(setCookieOf(await refresh(successor.value).expect(200)), false);
    });

    it('keeps a stay-signed-in session persistent through every successor', async () => {
      let cookie = setCookieOf(await login('grace', { remember: true }).expect(200));
      for (let i = 0; i < 3; i++) {
        cookie = setCookieOf(await refresh(cookie.value).expect(200));
        expectSessionCookie(cookie, true);
      }
    });

    it('still detects reuse: a spent cookie ends the session, and its successor with it', async () => {
      const reuses = async () => sample(await app.get(Metrics).scrape(), 'candlecast_auth_events_total{event="refresh_reuse"}') ?? 0;
      const before = await reuses();
      const stolen = setCookieOf(await login('linus').expect(200));
      const legit = await refresh(stolen.value).expect(200);
      const reuse = await refresh(stolen.value).expect(401);
      expect(reuse.body.message).toBe('Refresh token used twice: its session is revoked, log in again');
      expectCleared(setCookieOf(reuse));
      await refresh(setCookieOf(legit).value).expect(401);
      await me(legit.body.access_token).expect(401);
      expect(await reuses()).toBe(before + 1);
    });

    it('answers 401 without a cookie, and clears a cookie that can never work', async () => {
      const none = await http().post('/auth/refresh').set(SAME_ORIGIN).send({}).expect(401);
      expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'No session cookie: log in again' });
      const bad = await refresh('00000000-0000-4000-8000-000000000000.c2VjcmV0').expect(401);
      expect(bad.body.message).toBe('Invalid refresh token');
      expectCleared(setCookieOf(bad));
    });
  });

  describe('logout', () => {
    it('ends the session with the cookie alone, and clears the cookie', async () => {
      const session = await login('ken').expect(200);
      const cookie = setCookieOf(session).value;
      const res = await http().post('/auth/logout').set(SAME_ORIGIN).set('Cookie', cookieHeader(cookie)).send({}).expect(204);
      expectCleared(setCookieOf(res));
      await refresh(cookie).expect(401);
      await me(session.body.access_token).expect(401);
    });

    it('works for a tab whose access token has expired: the cookie decides, not the Authorization header', async () => {
      const session = await login('ken').expect(200);
      const cookie = setCookieOf(session).value;
      await http()
        .post('/auth/logout')
        .set(SAME_ORIGIN)
        .set('Authorization', 'Bearer expired.or.garbage')
        .set('Cookie', cookieHeader(cookie))
        .send({})
        .expect(204);
      await refresh(cookie).expect(401);
    });

    it('leaves other sessions of the same user alone', async () => {
      const phone = await login('ken').expect(200);
      const laptop = await login('ken').expect(200);
      await http()
        .post('/auth/logout')
        .set(SAME_ORIGIN)
        .set('Cookie', cookieHeader(setCookieOf(phone).value))
        .send({})
        .expect(204);
      await me(laptop.body.access_token).expect(200);
      await refresh(setCookieOf(laptop).value).expect(200);
    });

    it('answers 204 and clears the cookie when the browser has none: it is signed out already', async () => {
      const res = await http().post('/auth/logout').set(SAME_ORIGIN).send({}).expect(204);
      expectCleared(setCookieOf(res));
    });
  });

  describe('requests not from a page of PUBLIC_ORIGIN', () => {
    const ROUTES = ['/auth/login', '/auth/refresh', '/auth/logout'];
    const REFUSED: [string, Record<string, string>, string][] = [
      ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: ORIGIN }, 'Sec-Fetch-Site is cross-site, not same-origin'],
      ['Sec-Fetch-Site same-site', { 'Sec-Fetch-Site': 'same-site', Origin: ORIGIN }, 'Sec-Fetch-Site is same-site, not same-origin'],
      ['Sec-Fetch-Site none', { 'Sec-Fetch-Site': 'none' }, 'Sec-Fetch-Site is none, not same-origin'],
      ['a wrong Origin', { Origin: 'https://evil.example' }, `Origin https://evil.example is not ${ORIGIN}`],
      ['an Origin on another port', { Origin: 'http://localhost:3000' }, `Origin http://localhost:3000 is not ${ORIGIN}`],
      ['neither header', {}, 'the request has neither Sec-Fetch-Site nor Origin'],
    ];

    it.each(ROUTES.flatMap((route) => REFUSED.map(([what, headers, why]) => [route, what, headers, why] as const)))(
      'refuses %s with %s (403), and sets no cookie',
      async (route, _what, headers, why) => {
        const cookie = setCookieOf(await login('barbara').expect(200)).value;
        const res = await http()
          .post(route)
          .set({ 'X-Candlecast-Client': 'web', ...headers })
          .set('Cookie', cookieHeader(cookie))
          .send(route === '/auth/login' ? { username: 'barbara', password: TEST_PASSWORD } : {})
          .expect(403);
        expect(res.body).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          message: `Cookie mode takes requests from the web app's own page only: ${why}`,
        });
        expect(res.headers['set-cookie']).toBeUndefined();
        // Nothing happened to the session.
        await refresh(cookie).expect(200);
      },
    );

    it('takes a request with Origin PUBLIC_ORIGIN from a browser that sends no Sec-Fetch-Site', async () => {
      const res = await http()
        .post('/auth/login')
        .set({ 'X-Candlecast-Client': 'web', Origin: ORIGIN })
        .send({ username: 'barbara', password: TEST_PASSWORD })
        .expect(200);
      const refreshed = await http()
        .post('/auth/refresh')
        .set({ 'X-Candlecast-Client': 'web', Origin: ORIGIN })
        .set('Cookie', cookieHeader(setCookieOf(res).value))
        .send({})
        .expect(200);
      expectSessionCookie(setCookieOf(refreshed), false);
    });
  });

  describe('other clients', () => {
    it('are unchanged: tokens in bodies, no cookie, whatever Sec-Fetch-Site says', async () => {
      const res = await http()
        .post('/auth/login')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ username: 'dennis', password: TEST_PASSWORD })
        .expect(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
      });
      expect(res.headers['set-cookie']).toBeUndefined();
      const refreshed = await http().post('/auth/refresh').send({ refresh_token: res.body.refresh_token }).expect(200);
      expect(refreshed.body.refresh_token).toEqual(expect.any(String));
      expect(refreshed.headers['set-cookie']).toBeUndefined();
    });

    it('never have the cookie read for them: refresh needs the token in the body, logout an access token', async () => {
      const cookie = setCookieOf(await login('dennis').expect(200)).value;
      const refresh400 = await http().post('/auth/refresh').set('Cookie', cookieHeader(cookie)).send({}).expect(400);
      expect(refresh400.body.message).toBe('refresh_token must be a string');
      await http().post('/auth/logout').set('Cookie', cookieHeader(cookie)).send({}).expect(401);
      await refresh(cookie).expect(200);
    });
  });

  it('never takes an access token from a cookie, on any route', async () => {
    const { body } = await login('dennis').expect(200);
    const token = body.access_token as string;
    for (const cookie of [cookieHeader(token), `access_token=${token}`, `Authorization=Bearer ${token}`, `jwt=${token}`]) {
      await http().get('/auth/users/me').set('Cookie', cookie).expect(401);
      await http().get('/crypto/assets').set('Cookie', cookie).expect(401);
      await http().post('/auth/logout').set('Cookie', cookie).send({}).expect(401);
    }
    await me(token).expect(200);
  });

  it('documents the header, remember, the cookie and the 403 in /docs-json', async () => {
    const docs = (await http().get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: object }> }>
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }>; securitySchemes: object };
    };
    for (const path of ['/auth/login', '/auth/refresh', '/auth/logout']) {
      const post = docs.paths[path].post;
      expect({ path, header: post.parameters?.find((p) => p.name === 'X-Candlecast-Client')?.in }).toEqual({ path, header: 'header' });
      expect({ path, forbidden: '403' in post.responses }).toEqual({ path, forbidden: true });
      const ok = post.responses['200'] ?? post.responses['204'];
      expect({ path, setCookie: Object.keys(ok.headers ?? {}) }).toEqual({ path, setCookie: ['Set-Cookie'] });
    }
    expect(docs.components.schemas.LoginDto.properties).toHaveProperty('remember');
    expect(docs.components.schemas.AccessTokenDto.properties).not.toHaveProperty('refresh_token');
    expect(docs.components.securitySchemes).toHaveProperty([COOKIE]);
  });
});
