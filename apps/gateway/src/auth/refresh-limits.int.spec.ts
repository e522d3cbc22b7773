import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RefreshTokenRepository } from '#libs/database';
import { Metrics } from '#libs/observability';
import { sendFrom } from '../../../../test/support/from-address.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { decodeJwt } from '../../../../test/support/jwt.js';
import { sample } from '../../../../test/support/metrics.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { eventually } from '../../../../test/support/queues.js';
import { loggedIn, type TestUser } from '../../../../test/support/users.js';

describe('refresh tokens over time', () => {
  let app: NestExpressApplication;
  let url: string;
  let db: DataSource;
  const refresh = (from: string, token: string) => sendFrom(from, url, 'POST', '/auth/refresh', { refresh_token: token });
  const me = (from: string, token: string) => sendFrom(from, url, 'GET', '/auth/users/me', undefined, { authorization: `Bearer ${token}` });
  const sessionOf = (user: TestUser) => String(decodeJwt(user.token).sid);
  const rowsOf = async (sessionId: string) =>
    (
      await db.query<{ used: boolean }[]>(
        `SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE family_id = $1 ORDER BY created_at`,
        [sessionId],
      )
    ).map((row) => (row.used ? 'used' : 'unused'));

  beforeAll(async () => {
    app = await bootGateway({
      QUEUE_PREFIX: `refresh-spec-${Date.now()}`,
      LOGIN_LIMIT_PER_IP: '1000',
      REFRESH_LIMIT_PER_IP: '30',
      REFRESH_LIMIT_PER_SESSION: '5',
      JWT_ACCESS_TTL: '15m',
      REFRESH_TOKEN_PURGE_EVERY: '1',
    });
    db = app.get(DataSource);
    await emptyDatabase(db);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  describe('POST /auth/refresh', () => {
    it('meets the limit per session long before 200 chained refreshes, and leaves the refused token unspent', async () => {
      const user = await loggedIn(app, 'chainer');
      let token = user.refreshToken;
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await refresh('127.0.0.1', token);
        statuses.push(res.status);
        if (res.status !== 200) {
          expect(res.status).toBe(429);
          expect(res.body).toEqual({
            statusCode: 429,
            error: 'Too Many Requests',
            message: expect.stringMatching(/^Too many refreshes of this session: try again in \d+ s$/),
          });
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
          break;
        }
        token = String(res.body.refresh_token);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      // The refused token was not spent: the client can send it again once the minute is over.
      const [{ used }] = await db.query<[{ used: boolean }]>(`SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE id = $1`, [
        token.split('.')[0],
      ]);
      expect(used).toBe(false);
      // Another session of the same user, from the same address, is not held up by this one.
      const other = await loggedIn(app, 'chainer');
      expect((await refresh('127.0.0.1', other.refreshToken)).status).toBe(200);
    });

    it('limits the refreshes of one address, whatever the tokens, and of that address only', async () => {
      for (let i = 0; i < 30; i++)
        expect((await refresh('127.0.6.1', `00000000-0000-4000-8000-${String(i).padStart(12, '0')}.x`)).status).toBe(401);
      const refused = await refresh('127.0.6.1', '00000000-0000-4000-8000-000000000000.x');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/^Too many refreshes from this address: try again in \d+ s$/);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await refresh('127.0.6.2', '00000000-0000-4000-8000-000000000000.x')).status).toBe(401);
    });

    it('counts a refresh token that comes back after its use in candlecast_auth_events_total', async () => {
      const reuses = async () => sample(await app.get(Metrics).scrape(), 'candlecast_auth_events_total{event="refresh_reuse"}');
      const before = await reuses();
      const user = await loggedIn(app, 'retrier');
      expect((await refresh('127.0.7.1', user.refreshToken)).status).toBe(200);
      const again = await refresh('127.0.7.1', user.refreshToken);
      expect([again.status, again.body.message]).toEqual([401, 'Refresh token used twice: its session is revoked, log in again']);
      expect(await reuses()).toBe(before! + 1);
    });
  });

  describe('ended sessions', () => {
    it('are deleted with every token they had, while live sessions keep their used tokens for reuse detection', async () => {
      const live = await loggedIn(app, 'keeper');
      const first = await refresh('127.0.8.1', live.refreshToken);
      expect((await refresh('127.0.8.1', String(first.body.refresh_token))).status).toBe(200);
      // A session's oldest token may have expired long ago: the session lives as long as its newest one.
      await db.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 day' WHERE token_hash = (
                        SELECT token_hash FROM refresh_tokens WHERE family_id = $1 ORDER BY created_at LIMIT 1)`,
        [sessionOf(live)],
      );

      const expired = await loggedIn(app, 'keeper');
      expect((await refresh('127.0.8.1', expired.refreshToken)).status).toBe(200);
      await db.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second', created_at = now() - interval '8 days' WHERE family_id = $1`,
        [sessionOf(expired)],
      );

      const loggedOutLongAgo = await loggedIn(app, 'keeper');
      await sendFrom('127.0.8.1', url, 'POST', '/auth/logout', {}, { authorization: `Bearer ${loggedOutLongAgo.token}` });
      await db.query(`UPDATE refresh_tokens SET created_at = now() - interval '1 hour' WHERE family_id = $1`, [
        sessionOf(loggedOutLongAgo),
      ]);

      const loggedOutJustNow = await loggedIn(app, 'keeper');
      expect(
        (await sendFrom('127.0.8.1', url, 'POST', '/auth/logout', {}, { authorization: `Bearer ${loggedOutJustNow.token}` })).status,
      ).toBe(204);

      // The deletion itself, not RefreshTokenPurge.purge(): with a purge every second, the gateway's own
      // may hold the lock just then (purge() then leaves it to that one, whose snapshot may predate
      // the updates above). The next test shows the gateway purging on its own.
      await app.get(RefreshTokenRepository).deleteEndedSessions(app.get<AppConfig>(APP_CONFIG).JWT_ACCESS_TTL);
      expect({
        live: await rowsOf(sessionOf(live)),
        expired: await rowsOf(sessionOf(expired)),
        loggedOutLongAgo: await rowsOf(sessionOf(loggedOutLongAgo)),
        loggedOutJustNow: await rowsOf(sessionOf(loggedOutJustNow)),
      }).toEqual({ live: ['used', 'used', 'unused'], expired: [], loggedOutLongAgo: [], loggedOutJustNow: ['unused'] });
      // Its access token may still be within its lifetime: the revoked row that refuses it stays until it is not.
      expect((await me('127.0.8.1', loggedOutJustNow.token)).status).toBe(401);
      expect((await me('127.0.8.1', live.token)).status).toBe(200);
    });

    it('are deleted by the gateway on its own, every REFRESH_TOKEN_PURGE_EVERY', async () => {
      const user = await loggedIn(app, 'leaver');
      await db.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second', created_at = now() - interval '8 days' WHERE family_id = $1`,
        [sessionOf(user)],
      );
      expect(
        await eventually(
          () => rowsOf(sessionOf(user)),
          (rows) => rows.length === 0,
          10_000,
        ),
      ).toEqual([]);
    });
  });
});
