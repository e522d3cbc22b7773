import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Metrics } from '#libs/observability';
import { RedisClient } from '#libs/queue';
import { sendFrom } from '../../../../test/support/from-address.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { sample } from '../../../../test/support/metrics.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { loggedIn, TEST_PASSWORD, type TestUser } from '../../../../test/support/users.js';
import { AUTH_EVENTS, AuthEvents, type AuthEvent } from './auth-events.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { Pause } from './pause.service.js';

/**
 * Each test sends from addresses of its own on loopback (127.0.0.x), as real clients: the
 * gateway sees them as `req.ip`, with no proxy header. The login slowdown's waits are recorded
 * rather than slept (its arithmetic: login-delay.policy.spec.ts).
 */
describe('password guessing', () => {
  let app: NestExpressApplication;
  let url: string;
  const waits: number[] = [];
  const login = (from: string, username: string, password: string) => sendFrom(from, url, 'POST', '/auth/login', { username, password });
  const events = async (event: AuthEvent) => sample(await app.get(Metrics).scrape(), `candlecast_auth_events_total{event="${event}"}`);
  let atStart: (number | undefined)[];

  beforeAll(async () => {
    app = await bootGateway({
      QUEUE_PREFIX: `guessing-spec-${Date.now()}`,
      LOGIN_LIMIT_PER_IP: '30',
      LOGIN_FAILURES_PER_USERNAME_AND_IP: '3',
      LOGIN_DELAY_MAX_MS: '3000',
    });
    await emptyDatabase(app.get(DataSource));
    atStart = await Promise.all(AUTH_EVENTS.map(events));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    jest.spyOn(app.get(Pause), 'wait').mockImplementation(async (ms: number) => {
      waits.push(ms);
    });
  });

  beforeEach(() => {
    waits.length = 0;
  });

  afterAll(() => app.close());

  it('starts every series of candlecast_auth_events_total at 0', () => {
    expect(atStart).toEqual(AUTH_EVENTS.map(() => 0));
  });

  describe('at login', () => {
    it('leaves the right password working from another address when one address has spent its wrong passwords', async () => {
      const victim = await loggedIn(app, 'victim');
      for (let i = 0; i < 3; i++) expect((await login('127.0.0.1', 'victim', 'guessing wrong!')).status).toBe(401);

      const refused = await login('127.0.0.1', 'VICTIM', victim.password);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/^Too many wrong passwords for this username from this address: try again in \d+ s$/),
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

      const elsewhere = await login('127.0.0.2', 'victim', victim.password);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
      // The owner's success elsewhere does not forgive the guessing address.
      expect((await login('127.0.0.1', 'victim', victim.password)).status).toBe(429);
    });

    it('slows a username that many addresses fail on down, doubling up to its cap, and never refuses the right password', async () => {
      await loggedIn(app, 'target');
      for (const from of ['127.0.1.1', '127.0.1.2', '127.0.1.3']) {
        for (let i = 0; i < 3; i++) expect((await login(from, 'target', 'guessing wrong!')).status).toBe(401);
      }
      expect(waits).toEqual([250, 500, 1000, 2000, 3000, 3000]);
      waits.length = 0;

      const owner = await login('127.0.1.4', 'target', TEST_PASSWORD);
      expect(owner.status).toBe(200);
      expect(waits).toEqual([3000]);
    });

    it('forgives an address its wrong passwords for a username once the right one is given there', async () => {
      await loggedIn(app, 'typo');
      for (let i = 0; i < 2; i++) expect((await login('127.0.2.1', 'typo', 'fat fingers!!')).status).toBe(401);
      expect((await login('127.0.2.1', 'typo', TEST_PASSWORD)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await login('127.0.2.1', 'typo', 'fat fingers!!')).status).toBe(401);
      expect((await login('127.0.2.1', 'typo', TEST_PASSWORD)).status).toBe(429);
    });

    it('still refuses one address that guesses fast across usernames, and only that address', async () => {
      for (let i = 0; i < 30; i++) expect((await login('127.0.3.1', `stranger${i}`, 'guessing wrong!')).status).toBe(401);
      const refused = await login('127.0.3.1', 'stranger', 'guessing wrong!');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/^Too many login attempts from this address: try again in \d+ s$/);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await login('127.0.3.2', 'stranger', 'guessing wrong!')).status).toBe(401);
    });

    it('shares its counts through Redis with every other gateway instance', async () => {
      const otherInstance = new LoginThrottle(
        app.get(RedisClient),
        app.get<AppConfig>(APP_CONFIG),
        new Pause(),
        new AuthEvents(new Metrics('gateway')),
      );
      await expect(otherInstance.beforePasswordCheck('127.0.0.1', 'victim', 'lockout')).rejects.toThrow(
        /^Too many wrong passwords for this username from this address/,
      );
      await expect(otherInstance.beforePasswordCheck('127.0.0.2', 'victim', 'lockout')).resolves.toBeUndefined();
    });

    it('counts failed logins and refused ones in candlecast_auth_events_total', async () => {
      const [failed, lockouts] = [await events('login_failed'), await events('lockout')];
      expect((await login('127.0.4.1', 'nobody-at-all', 'guessing wrong!')).status).toBe(401);
      expect((await login('127.0.0.1', 'victim', 'guessing wrong!')).status).toBe(429);
      expect([await events('login_failed'), await events('lockout')]).toEqual([failed! + 1, lockouts! + 1]);
    });
  });

  describe('PUT /auth/users/me', () => {
    let owner: TestUser;
    const updateMe = (from: string, currentPassword: string) =>
      sendFrom(
        from,
        url,
        'PUT',
        '/auth/users/me',
        { current_password: currentPassword, email: 'owner@example.com' },
        { authorization: `Bearer ${owner.token}` },
      );

    beforeAll(async () => {
      owner = await loggedIn(app, 'owner');
    });

    it('refuses a stolen access token that keeps guessing the current password with 429 and Retry-After', async () => {
      const guesses = await events('password_guess');
      for (let i = 0; i < 3; i++) {
        const wrong = await updateMe('127.0.5.1', `guess number ${i}!`);
        expect([wrong.status, wrong.body.message]).toEqual([400, 'current_password is not your current password']);
      }
      const refused = await updateMe('127.0.5.1', owner.password);
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/^Too many wrong passwords for this username from this address: try again in \d+ s$/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
      expect(await events('password_guess')).toBe(guesses! + 4);
    });

    it('counts those guesses as failed logins of that address for that username, and of no other address', async () => {
      expect((await login('127.0.5.1', 'owner', owner.password)).status).toBe(429);
      expect((await updateMe('127.0.5.2', owner.password)).status).toBe(200);
      expect((await login('127.0.5.2', 'owner', owner.password)).status).toBe(200);
    });
  });
});
