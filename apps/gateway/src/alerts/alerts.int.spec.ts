import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRepository } from '#libs/database';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';

const LIMIT = 4;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR_MS = 3_600_000;
const WEEKS_52_MS = 52 * 7 * 24 * HOUR_MS;
/** `hours` from now, as the API writes times. */
const fromNow = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();

describe('/alerts: each user keeps their own alert rules', () => {
  let app: NestExpressApplication;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  const http = () => request(app.getHttpServer());
  const as = (user: TestUser) => ({
    get: (url: string) => http().get(url).set(bearer(user)),
    post: (url: string, body?: object) => http().post(url).set(bearer(user)).send(body),
    put: (url: string, body?: object) => http().put(url).set(bearer(user)).send(body),
    delete: (url: string) => http().delete(url).set(bearer(user)),
  });
  const priceRule = { asset: 'BTC', interval: '1d', kind: 'price_above', threshold: 70000, channels: ['inbox'] };

  beforeAll(async () => {
    app = await bootGateway({ ALERT_RULES_PER_USER: String(LIMIT), TRACKED_INTERVALS: '1d,1h' });
    await emptyDatabase(app.get(DataSource));
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    await seedAsset(app, 'ETH', '1d', []);
    alice = await loggedIn(app, 'alice-alerts');
    bob = await loggedIn(app, 'bob-alerts');
    admin = await loggedIn(app, 'admin-alerts', 'admin');
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['get', '/alerts'],
    ['post', '/alerts'],
    ['get', `/alerts/${UNKNOWN_ID}`],
    ['put', `/alerts/${UNKNOWN_ID}`],
    ['delete', `/alerts/${UNKNOWN_ID}`],
  ] as const)('%s %s refuses a caller without a token with 401', async (method, url) => {
    const res = await http()[method](url).send(priceRule).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('starts with no rules and says how many a user may have', async () => {
    expect((await as(alice).get('/alerts').expect(200)).body).toEqual({ rules: [], limit: LIMIT });
  });

  it('creates a rule, with the cooldown of one candle and active by default, and lists it', async () => {
    const created = (
      await as(alice)
        .post('/alerts', { ...priceRule, asset: 'btc' })
        .expect(201)
    ).body;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      asset: 'BTC',
      interval: '1d',
      kind: 'price_above',
      threshold: 70000,
      window: null,
      level: null,
      cooldown: '1d',
      channels: ['inbox'],
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastFiredAt: null,
      snoozedUntil: null,
    });
    expect((await as(alice).get(`/alerts/${created.id}`).expect(200)).body).toEqual(created);
    const move = (
      await as(alice)
        .post('/alerts', {
          asset: 'ETH',
          interval: '1h',
          kind: 'move_pct',
          threshold: 5,
          window: '14d',
          cooldown: '90m',
          channels: ['webhook', 'inbox'],
          active: false,
        })
        .expect(201)
    ).body;
    expect(move).toMatchObject({ window: '2w', cooldown: '90m', channels: ['webhook', 'inbox'], active: false });
    const list = (await as(alice).get('/alerts').expect(200)).body;
    expect(list.rules.map((r: { id: string }) => r.id)).toEqual([move.id, created.id]);
  });

  it.each([
    [
      { ...priceRule, kind: 'outside_interval', threshold: undefined, level: 90 },
      { level: 90, threshold: null },
    ],
    [{ ...priceRule, kind: 'forecast_move_pct', threshold: 2.5 }, { threshold: 2.5 }],
    [{ ...priceRule, kind: 'volatility_above', threshold: 4 }, { threshold: 4 }],
    [{ ...priceRule, kind: 'price_below', threshold: 0.5, window: null, level: null }, { threshold: 0.5 }],
  ])('takes each user kind with its own fields (%j)', async (body, expected) => {
    const created = (await as(bob).post('/alerts', body).expect(201)).body;
    expect(created).toMatchObject(expected);
    await as(bob).delete(`/alerts/${created.id}`).expect(204);
  });

  it.each([
    [{ ...priceRule, asset: 'b' }, 'asset must be a symbol of 2 to 12 letters or digits'],
    [{ ...priceRule, asset: 7 }, 'asset must be a symbol of 2 to 12 letters or digits'],
    [{ ...priceRule, interval: '2d' }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
    [{ ...priceRule, interval: '1w' }, 'interval must be one of the intervals kept synced: 1d, 1h'],
    [{ ...priceRule, kind: 'price_sideways' }, 'kind must be one of price_above, price_below, move_pct'],
    [{ ...priceRule, threshold: '70000' }, 'threshold must be a number'],
    [{ ...priceRule, threshold: undefined }, "threshold is required for price_above: a price in the pair's quote currency"],
    [{ ...priceRule, threshold: 0 }, 'threshold must be a price above 0 and at most 1000000000000 for price_above'],
    [{ ...priceRule, threshold: -5 }, 'threshold must be a price above 0'],
    [
      { ...priceRule, kind: 'move_pct', threshold: 1001, window: '1d' },
      'threshold must be a percentage above 0 and at most 1000 for move_pct',
    ],
    [{ ...priceRule, kind: 'move_pct' }, 'window is required for move_pct: a span such as 24h or 7d'],
    [{ ...priceRule, kind: 'move_pct', window: '12h' }, 'window must be a span such as 24h or 7d, from one 1d candle to 52w'],
    [{ ...priceRule, kind: 'move_pct', window: '7 days' }, 'window must be a span such as 24h or 7d'],
    [{ ...priceRule, kind: 'move_pct', window: 7 }, 'window must be a span such as 24h or 7d'],
    [{ ...priceRule, window: '1d' }, 'window does not apply to price_above: leave it out'],
    [{ ...priceRule, level: 90 }, 'level does not apply to price_above: leave it out'],
    [{ ...priceRule, kind: 'outside_interval', threshold: undefined }, 'level is required for outside_interval: one of 80, 90, 95'],
    [{ ...priceRule, kind: 'outside_interval', level: 90 }, 'threshold does not apply to outside_interval: leave it out'],
    [{ ...priceRule, kind: 'outside_interval', threshold: undefined, level: 85 }, 'level must be one of 80, 90, 95'],
    [{ ...priceRule, cooldown: '0m' }, 'cooldown must be a span such as 90m, 12h, 7d or 2w, at most 52w'],
    [{ ...priceRule, cooldown: '53w' }, 'cooldown must be a span such as 90m, 12h, 7d or 2w, at most 52w'],
    [{ ...priceRule, cooldown: 60 }, 'cooldown must be a span such as 90m, 12h, 7d or 2w'],
    [{ ...priceRule, channels: [] }, 'channels must name at least one of inbox, webhook'],
    [{ ...priceRule, channels: 'inbox' }, 'channels must be a list of inbox, webhook'],
    [{ ...priceRule, channels: ['email'] }, 'channels must each be one of inbox, webhook'],
    [{ ...priceRule, channels: ['inbox', 'inbox'] }, 'channels must not name a channel twice'],
    [{ ...priceRule, channels: undefined }, 'channels must be a list of inbox, webhook'],
    [{ ...priceRule, active: 'yes' }, 'active must be true or false'],
    [{ ...priceRule, active: null }, 'active must be true or false'],
    [{ ...priceRule, snoozedUntil: 'tomorrow' }, 'snoozedUntil must be an ISO 8601 date-time with its zone, such as 2030-01-31T09:00:00Z'],
    [{ ...priceRule, snoozedUntil: '2030-01-31' }, 'snoozedUntil must be an ISO 8601 date-time with its zone'],
    [{ ...priceRule, snoozedUntil: '2030-01-31T09:00' }, 'snoozedUntil must be an ISO 8601 date-time with its zone'],
    [{ ...priceRule, snoozedUntil: '2030-02-30T09:00:00Z' }, 'snoozedUntil must be a real date and time'],
    [{ ...priceRule, snoozedUntil: 1_900_000_000 }, 'snoozedUntil must be an ISO 8601 date-time with its zone'],
    [{ ...priceRule, snoozedUntil: fromNow(-1) }, 'snoozedUntil must be a time in the future, or null to unsnooze'],
    [
      { ...priceRule, snoozedUntil: new Date(Date.now() + WEEKS_52_MS + HOUR_MS).toISOString() },
      'snoozedUntil must be at most 52w from now',
    ],
    [{ ...priceRule, userId: 'someone' }, 'property userId should not exist'],
  ])('refuses %j with a 400 that names the field', async (body, message) => {
    const res = await as(alice).post('/alerts', body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain(message);
  });

  it('refuses a rule on an asset that is not tracked with 404', async () => {
    const res = await as(alice)
      .post('/alerts', { ...priceRule, asset: 'DOGE' })
      .expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: "Unknown asset 'DOGE'" });
  });

  it.each(['coverage_out_of_band', 'training_failed', 'candles_stale'])(
    'keeps %s rules for admins: a user gets 403 naming the kind',
    async (kind) => {
      const body = { asset: 'BTC', interval: '1d', kind, channels: ['inbox'], ...(kind === 'coverage_out_of_band' ? { level: 90 } : {}) };
      const res = await as(bob).post('/alerts', body).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: `Only admins may set ${kind} rules` });
      const created = (await as(admin).post('/alerts', body).expect(201)).body;
      expect(created).toMatchObject({ kind, threshold: null });
      await as(admin).delete(`/alerts/${created.id}`).expect(204);
    },
  );

  describe("another user's rules", () => {
    let ruleId: string;

    beforeAll(async () => {
      ruleId = (await as(alice).get('/alerts').expect(200)).body.rules[0].id;
    });

    it.each([
      ['get', undefined],
      ['put', priceRule],
      ['delete', undefined],
    ] as const)('are a 404 to %s, as if they did not exist, and stay as they were', async (method, body) => {
      const before = (await as(alice).get(`/alerts/${ruleId}`).expect(200)).body;
      const res = await as(bob)[method](`/alerts/${ruleId}`, body).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No alert rule with id '${ruleId}'` });
      expect((await as(alice).get(`/alerts/${ruleId}`).expect(200)).body).toEqual(before);
      expect((await as(bob).get('/alerts').expect(200)).body.rules).toEqual([]);
    });

    it.each([
      ['get', undefined],
      ['put', priceRule],
      ['delete', undefined],
    ] as const)('an unknown id is a 404 to %s, and a malformed one a 400', async (method, body) => {
      await as(alice)[method](`/alerts/${UNKNOWN_ID}`, body).expect(404);
      const res = await as(alice)[method]('/alerts/not-a-uuid', body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: 'id must be an alert rule id (a UUID)' });
    });
  });

  it('replaces the whole rule on PUT, the fields left out taking their defaults, with the checks of a new one', async () => {
    const created = (
      await as(alice)
        .post('/alerts', { ...priceRule, cooldown: '4h', active: false })
        .expect(201)
    ).body;
    const replaced = (
      await as(alice)
        .put(`/alerts/${created.id}`, { asset: 'ETH', interval: '1h', kind: 'price_below', threshold: 2000, channels: ['webhook'] })
        .expect(200)
    ).body;
    expect(replaced).toMatchObject({
      id: created.id,
      asset: 'ETH',
      interval: '1h',
      kind: 'price_below',
      threshold: 2000,
      cooldown: '1h',
      active: true,
      channels: ['webhook'],
      createdAt: created.createdAt,
    });
    expect(Date.parse(replaced.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    await as(alice)
      .put(`/alerts/${created.id}`, { ...priceRule, threshold: -1 })
      .expect(400);
    await as(alice)
      .put(`/alerts/${created.id}`, { ...priceRule, asset: 'DOGE' })
      .expect(404);
    await as(alice)
      .put(`/alerts/${created.id}`, { asset: 'BTC', interval: '1d', kind: 'candles_stale', channels: ['inbox'] })
      .expect(403);
    expect((await as(alice).get(`/alerts/${created.id}`).expect(200)).body).toEqual(replaced);
  });

  describe('snoozed', () => {
    let erin: TestUser;

    beforeAll(async () => {
      erin = await loggedIn(app, 'erin-alerts');
    });

    it('takes a snooze until a time on POST and PUT, shows it, and unsnoozes with null or when PUT leaves it out', async () => {
      const until = fromNow(24);
      const created = (
        await as(erin)
          .post('/alerts', { ...priceRule, snoozedUntil: until })
          .expect(201)
      ).body;
      expect(created.snoozedUntil).toBe(until);
      expect((await as(erin).get(`/alerts/${created.id}`).expect(200)).body.snoozedUntil).toBe(until);

      // In any zone, shown in UTC; up to 52 weeks ahead.
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 + WEEKS_52_MS - HOUR_MS);
      const inAthens = new Date(at.getTime() + 2 * HOUR_MS).toISOString().replace('Z', '+02:00');
      const replaced = (
        await as(erin)
          .put(`/alerts/${created.id}`, { ...priceRule, snoozedUntil: inAthens })
          .expect(200)
      ).body;
      expect(replaced.snoozedUntil).toBe(at.toISOString());
      expect((await as(erin).get('/alerts').expect(200)).body.rules[0].snoozedUntil).toBe(at.toISOString());

      const cleared = (
        await as(erin)
          .put(`/alerts/${created.id}`, { ...priceRule, snoozedUntil: null })
          .expect(200)
      ).body;
      expect(cleared.snoozedUntil).toBeNull();
      expect((await as(erin).get(`/alerts/${created.id}`).expect(200)).body.snoozedUntil).toBeNull();
      await as(erin)
        .put(`/alerts/${created.id}`, { ...priceRule, snoozedUntil: until })
        .expect(200);
      expect((await as(erin).put(`/alerts/${created.id}`, priceRule).expect(200)).body.snoozedUntil).toBeNull();
      await as(erin).delete(`/alerts/${created.id}`).expect(204);
    });

    it('reads null once the snooze is over, so that the rule read back can be sent back as it is', async () => {
      const created = (
        await as(erin)
          .post('/alerts', { ...priceRule, snoozedUntil: fromNow(1) })
          .expect(201)
      ).body;
      await app.get(DataSource).query(`UPDATE alert_rules SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [created.id]);
      const read = (await as(erin).get(`/alerts/${created.id}`).expect(200)).body;
      expect(read.snoozedUntil).toBeNull();
      const { asset, interval, kind, threshold, window, level, cooldown, channels, active, snoozedUntil } = read;
      const sentBack = { asset, interval, kind, threshold, window, level, cooldown, channels, active, snoozedUntil };
      await as(erin).put(`/alerts/${created.id}`, sentBack).expect(200);
      await as(erin).delete(`/alerts/${created.id}`).expect(204);
    });

    it("refuses a snooze of another user's rule with 404, and leaves the rule unsnoozed", async () => {
      const alices = (await as(alice).get('/alerts').expect(200)).body.rules[0];
      expect(alices.snoozedUntil).toBeNull();
      const res = await as(erin)
        .put(`/alerts/${alices.id}`, { ...priceRule, snoozedUntil: fromNow(24) })
        .expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No alert rule with id '${alices.id}'` });
      expect((await as(alice).get(`/alerts/${alices.id}`).expect(200)).body).toEqual(alices);
    });
  });

  it('deletes a rule once: a second DELETE is a 404', async () => {
    const created = (await as(alice).post('/alerts', priceRule).expect(201)).body;
    await as(alice).delete(`/alerts/${created.id}`).expect(204);
    await as(alice).delete(`/alerts/${created.id}`).expect(404);
    await as(alice).get(`/alerts/${created.id}`).expect(404);
  });

  it('refuses a rule past ALERT_RULES_PER_USER with 409, also when requests race for the last place', async () => {
    const carol = await loggedIn(app, 'carol-alerts');
    const answers = await Promise.all(Array.from({ length: LIMIT + 3 }, () => as(carol).post('/alerts', priceRule)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(LIMIT);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(3);
    expect(refused[0].body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `A user may have at most ${LIMIT} alert rules: delete one first`,
    });
    // Another user's count is their own.
    await as(bob).post('/alerts', priceRule).expect(201);
  });

  it('tells clients the limits in GET /crypto/config', async () => {
    const config = (await as(alice).get('/crypto/config').expect(200)).body;
    expect(config.limits.alerts).toEqual({ rulesPerUser: LIMIT, webhooksPerUser: 5 });
  });

  it("goes with its user: a deleted user's rules are gone", async () => {
    const dave = await loggedIn(app, 'dave-alerts');
    await as(dave).post('/alerts', priceRule).expect(201);
    const id = (await app.get(UserRepository).findByUsername('dave-alerts'))!.id;
    await app.get(DataSource).query(`DELETE FROM users WHERE id = $1`, [id]);
    expect(await app.get(DataSource).query(`SELECT * FROM alert_rules WHERE user_id = $1`, [id])).toEqual([]);
  });
});
