import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChangeFeed, UserRepository, type NotificationInput } from '#libs/database';
import { NotificationDispatcher } from '#libs/notifications';
import { Metrics } from '#libs/observability';
import { changeFeedListening } from '../../../../test/support/change-feed.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { HEARTBEAT_MS, STREAMS_PER_USER } from './notification-streams.service.js';
import { sample } from '../../../../test/support/metrics.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';
import { SseClient } from '../../../../test/support/sse.js';
import { bearer, loggedIn, TEST_PASSWORD, type TestUser } from '../../../../test/support/users.js';

/**
 * The inbox and its live stream at two gateways sharing one Postgres, as in production: an entry
 * written anywhere (here through NotificationDispatcher.send, as a firing rule or the platform
 * writes one) reaches every open stream of its user, whichever gateway holds it.
 */
describe('/notifications: the inbox and its live stream', () => {
  let gateways: NestExpressApplication[];
  /** The second gateway's access tokens expire after 3 s (JWT_ACCESS_TTL), for the stream that ends with its token. */
  const SHORT_TTL = 3;
  let alice: TestUser;
  let bob: TestUser;
  const streams: SseClient[] = [];
  const http = (i = 0) => request(gateways[i].getHttpServer());
  const server = (i: number) => gateways[i].getHttpServer() as Server;
  const idOf = async (user: TestUser) => (await gateways[0].get(UserRepository).findByUsername(user.username))!.id;
  let sent = 0;
  /** Writes an entry to `user`'s inbox as the platform does; its id. */
  const notify = async (user: TestUser, extra: Partial<NotificationInput> = {}) => {
    sent++;
    const dispatched = await gateways[0].get(NotificationDispatcher).send({
      userId: await idOf(user),
      kind: 'price_above',
      title: `BTC closed above ${sent},000 USD`,
      body: `BTC 1d closed at ${sent},100 USD.`,
      data: { asset: 'BTC', n: sent },
      channels: ['inbox'],
      event: 'alert.fired',
      occurredAt: new Date(Date.now() - 1000),
      ...extra,
    });
    return dispatched.notificationId!;
  };
  const open = async (i: number, user: TestUser, headers: Record<string, string> = {}) => {
    const stream = await SseClient.open(server(i), '/notifications/stream', { ...bearer(user), ...headers });
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    await emptyQueues();
    // The spec logs in many users and sessions from one address: more than the default login limit in one of its windows.
    const logins = { LOGIN_LIMIT_PER_IP: '1000' };
    gateways = [
      await bootGateway(logins),
      // Its streams send their heartbeat every 100 ms rather than every 15 s.
      await bootGateway({ ...logins, JWT_ACCESS_TTL: String(SHORT_TTL) }, (builder) =>
        builder.overrideProvider(HEARTBEAT_MS).useValue(100),
      ),
    ];
    for (const gateway of gateways) await gateway.listen(0, '127.0.0.1');
    await emptyDatabase(gateways[0].get(DataSource));
    alice = await loggedIn(gateways[0], 'alice-inbox');
    bob = await loggedIn(gateways[0], 'bob-inbox');
    for (const gateway of gateways) await changeFeedListening(gateway);
  });

  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
  });

  it.each([
    ['get', '/notifications'],
    ['get', '/notifications/stream'],
    ['post', '/notifications/1/read'],
    ['post', '/notifications/read-all'],
  ] as const)('%s %s refuses a caller without a token with 401', async (method, url) => {
    const res = await http()[method](url).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  describe('the inbox', () => {
    it('pages newest first with a cursor, counts the unread, and marks one or all read', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await notify(alice));
      const first = (await http().get('/notifications?limit=2').set(bearer(alice)).expect(200)).body;
      expect(first).toEqual({
        items: [expect.objectContaining({ id: ids[4] }), expect.objectContaining({ id: ids[3] })],
        unread: 5,
        next: ids[3],
      });
      expect(first.items[0]).toEqual({
        id: ids[4],
        kind: 'price_above',
        title: expect.stringMatching(/^BTC closed above/),
        body: expect.any(String),
        data: { asset: 'BTC', n: expect.any(Number) },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        readAt: null,
      });
      const rest = (await http().get(`/notifications?limit=2&before=${first.next}`).set(bearer(alice)).expect(200)).body;
      expect(rest.items.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
      const last = (await http().get(`/notifications?limit=2&before=${rest.next}`).set(bearer(alice)).expect(200)).body;
      expect(last).toMatchObject({ items: [{ id: ids[0] }], next: null });

      const read = (await http().post(`/notifications/${ids[1]}/read`).set(bearer(alice)).expect(200)).body;
      expect(read).toMatchObject({ id: ids[1], readAt: expect.any(String) });
      // Idempotent: read again, it keeps its first time.
      expect((await http().post(`/notifications/${ids[1]}/read`).set(bearer(alice)).expect(200)).body.readAt).toBe(read.readAt);
      const unread = (await http().get('/notifications?unread=true').set(bearer(alice)).expect(200)).body;
      expect(unread.unread).toBe(4);
      expect(unread.items.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3], ids[2], ids[0]]);

      expect((await http().post('/notifications/read-all').set(bearer(alice)).expect(200)).body).toEqual({ marked: 4, unread: 0 });
      expect((await http().post('/notifications/read-all').set(bearer(alice)).expect(200)).body).toEqual({ marked: 0, unread: 0 });
      expect((await http().get('/notifications?unread=true').set(bearer(alice)).expect(200)).body).toEqual({
        items: [],
        unread: 0,
        next: null,
      });
    });

    it("keeps each user's inbox their own: another user's entry is a 404 and stays unread", async () => {
      const id = await notify(bob);
      const res = await http().post(`/notifications/${id}/read`).set(bearer(alice)).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No notification with id '${id}'` });
      await http().post('/notifications/read-all').set(bearer(alice)).expect(200);
      expect((await http().get('/notifications').set(bearer(alice)).expect(200)).body.items.map((n: { id: string }) => n.id)).not.toContain(
        id,
      );
      expect((await http().get('/notifications?unread=true').set(bearer(bob)).expect(200)).body.items).toEqual([
        expect.objectContaining({ id, readAt: null }),
      ]);
      await http().post('/notifications/999999999/read').set(bearer(alice)).expect(404);
    });

    it.each([
      ['/notifications?limit=0', 'limit must be a whole number from 1 to 100'],
      ['/notifications?limit=101', 'limit must be a whole number from 1 to 100'],
      ['/notifications?limit=ten', 'limit must be a whole number from 1 to 100'],
      ['/notifications?unread=yes', 'unread must be true or false'],
      ['/notifications?before=0', 'before must be a notification id (a whole number from 1)'],
      ['/notifications?before=12a', 'before must be a notification id (a whole number from 1)'],
      ['/notifications?before=99999999999999999999', 'before must be a notification id (a whole number from 1)'],
    ])('GET %s is a 400 naming the field', async (url, message) => {
      const res = await http().get(url).set(bearer(alice)).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it.each(['abc', '0', '-1', '1.5', '9223372036854775808'])('POST /notifications/%s/read is a 400 naming the id', async (id) => {
      const res = await http().post(`/notifications/${id}/read`).set(bearer(alice)).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'id must be a notification id (a whole number from 1)' });
    });
  });

  it('tells every admin, and no one else, of a refresh token used twice: whose session and from where, never a token', async () => {
    const admins = [await loggedIn(gateways[0], 'admin-one-inbox', 'admin'), await loggedIn(gateways[0], 'admin-two-inbox', 'admin')];
    const victim = await loggedIn(gateways[0], 'frank-inbox');
    const live = await open(1, admins[1]);
    await http().post('/auth/refresh').send({ refresh_token: victim.refreshToken }).expect(200);
    await http().post('/auth/refresh').send({ refresh_token: victim.refreshToken }).expect(401);
    for (const admin of admins) {
      const { items } = (await http().get('/notifications').set(bearer(admin)).expect(200)).body;
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'refresh_reuse',
          title: 'A refresh token of frank-inbox was used twice',
          body: expect.stringMatching(/^A refresh token of frank-inbox that had already been used came back from (::ffff:)?127\.0\.0\.1: /),
          data: { userId: await idOf(victim), username: 'frank-inbox', clientAddress: expect.stringMatching(/127\.0\.0\.1$/) },
        }),
      ]);
      const text = JSON.stringify(items);
      for (const secret of [victim.refreshToken, ...victim.refreshToken.split('.'), victim.token]) expect(text).not.toContain(secret);
    }
    expect((await live.received(1))[0]).toMatchObject({ kind: 'refresh_reuse' });
    const theirs = (await http().get('/notifications').set(bearer(victim)).expect(401)).body;
    expect(theirs.statusCode).toBe(401);
    expect((await http().get('/notifications').set(bearer(bob)).expect(200)).body.items.map((n: { kind: string }) => n.kind)).not.toContain(
      'refresh_reuse',
    );
  });

  describe('the live stream', () => {
    it('sends a new entry to both open streams of its user, one at each gateway, and nothing to another user', async () => {
      const latency = async (i: number, channel: string) =>
        sample(await gateways[i].get(Metrics).registry.metrics(), `candlecast_notification_latency_seconds_count{channel="${channel}"}`) ??
        0;
      const before = [await latency(0, 'inbox'), await latency(0, 'stream'), await latency(1, 'stream')];
      const [atFirst, atSecond, bobs] = [await open(0, alice, { 'Accept-Encoding': 'br, gzip' }), await open(1, alice), await open(1, bob)];
      expect(atFirst.status).toBe(200);
      expect(atFirst.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(atFirst.headers['cache-control']).toBe('no-cache, no-store, no-transform');
      expect(atFirst.headers['content-encoding']).toBeUndefined();
      expect(atFirst.headers.etag).toBeUndefined();
      const id = await notify(alice);
      const [one] = await atFirst.received(1);
      expect(one).toMatchObject({ id, kind: 'price_above', readAt: null });
      expect(await atSecond.received(1)).toEqual([one]);
      // Written once (at the first gateway), sent once by each gateway.
      expect([await latency(0, 'inbox'), await latency(0, 'stream'), await latency(1, 'stream')]).toEqual(before.map((n) => n + 1));
      expect(atFirst.events[0]).toMatchObject({ id, event: 'notification' });
      // Bob hears of his own entry only, so his stream saw nothing of Alice's.
      const his = await notify(bob);
      expect((await bobs.received(1)).map((n) => n.id)).toEqual([his]);
      expect(atFirst.notifications).toHaveLength(1);
    });

    it('replays what came after Last-Event-ID on a reconnection, then streams live, missing nothing', async () => {
      const first = await open(0, alice);
      const seen = await notify(alice);
      await first.received(1);
      first.close();
      const missed = [await notify(alice), await notify(alice)];
      const again = await open(1, alice, { 'Last-Event-ID': seen });
      expect((await again.received(2)).map((n) => n.id)).toEqual(missed);
      const live = await notify(alice);
      expect((await again.received(3)).map((n) => n.id)).toEqual([...missed, live]);
      expect(again.events.map((e) => e.id)).toEqual([...missed, live]);
    });

    it(`refuses a user's stream beyond ${STREAMS_PER_USER} open at one gateway with 429, and takes one again once one closes`, async () => {
      const open10 = [];
      for (let i = 0; i < STREAMS_PER_USER; i++) open10.push(await open(0, bob));
      expect(open10.map((stream) => stream.status)).toEqual(open10.map(() => 200));
      const refused = await http().get('/notifications/stream').set(bearer(bob)).expect(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: `at most ${STREAMS_PER_USER} notification streams may be open at once; close one`,
      });
      expect(refused.headers['retry-after']).toBe('30');
      // Another user, and the same user at another gateway, are not held back.
      expect((await open(0, alice)).status).toBe(200);
      expect((await open(1, bob)).status).toBe(200);
      open10[0].close();
      const reopened = await eventually(
        async () => {
          const stream = await open(0, bob);
          if (stream.status !== 200) stream.close();
          return stream.status;
        },
        (status) => status === 200,
        10_000,
        'a stream once one of the ten closed',
      );
      expect(reopened).toBe(200);
    });

    it('refuses a Last-Event-ID that is no notification id with 400', async () => {
      const res = await http().get('/notifications/stream').set(bearer(alice)).set('Last-Event-ID', 'yesterday').expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Last-Event-ID must be a notification id (a whole number from 0)',
      });
    });

    it('sends what was written while the gateway was not listening, once it listens again', async () => {
      const stream = await open(0, alice);
      const db = gateways[0].get(DataSource);
      // Every gateway's LISTEN connection is cut: the entry's NOTIFY reaches nobody.
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'candlecast-change-feed'`);
      await eventually(
        async () => gateways.some((gateway) => gateway.get(ChangeFeed).isLive),
        (live) => !live,
        5000,
        'both change feeds to notice the lost connection',
      );
      const id = await notify(alice);
      expect((await stream.received(1)).map((n) => n.id)).toEqual([id]);
      for (const gateway of gateways) await changeFeedListening(gateway);
    });

    it('ends with session_ended when its session is logged out, at whichever gateway', async () => {
      const session = await loggedIn(gateways[0], 'alice-inbox');
      const stream = await open(1, session);
      await http(0).post('/auth/logout').set(bearer(session)).send({ refresh_token: session.refreshToken }).expect(204);
      expect(await stream.ended()).toEqual({ reason: 'session_ended' });
    });

    it('ends with session_ended when its user changes their password, and when the user is deleted', async () => {
      const carol = await loggedIn(gateways[0], 'carol-inbox');
      const stream = await open(0, carol);
      await http(1)
        .put('/auth/users/me')
        .set(bearer(carol))
        .send({ current_password: TEST_PASSWORD, password: `${TEST_PASSWORD} changed` })
        .expect(200);
      expect(await stream.ended()).toEqual({ reason: 'session_ended' });

      const dave = await loggedIn(gateways[0], 'dave-inbox');
      const his = await open(1, dave);
      await gateways[0].get(DataSource).query(`DELETE FROM users WHERE username = 'dave-inbox'`);
      expect(await his.ended()).toEqual({ reason: 'session_ended' });
    });

    it('sends a heartbeat comment while idle, and ends with token_expired when its access token expires', async () => {
      const shortLived = await loggedIn(gateways[1], 'erin-inbox');
      const stream = await open(1, shortLived);
      expect(stream.status).toBe(200);
      await eventually(
        async () => stream.comments,
        (comments) => comments.includes('ping'),
        5000,
        'a heartbeat',
      );
      expect(stream.closed).toBe(false);
      expect(await stream.ended((SHORT_TTL + 5) * 1000)).toEqual({ reason: 'token_expired' });
    });
  });
});
