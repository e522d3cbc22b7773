import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRepository } from '#libs/database';
import { NotificationDispatcher } from '#libs/notifications';
import { JobProducer, QueueName } from '#libs/queue';
import { eventually } from '../../../../test/support/queues.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import type { WebhookReceiver } from '../../../../test/support/webhook-receiver.js';
import { startWebhookStack, type WebhookStack } from '../../../../test/support/webhook-stack.js';

const LIMIT = 2;
const PRIVATE = 'refused unless WEBHOOK_ALLOW_PRIVATE is set';
const NEVER = 'never allowed';

/** /webhooks as production runs it: WEBHOOK_ALLOW_PRIVATE unset, so that loopback and private targets are refused too. */
describe('/webhooks', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;
  let gateway: NestExpressApplication;
  let worker: INestApplication;
  let alice: TestUser;
  let bob: TestUser;
  const http = () => request(gateway.getHttpServer());
  const create = (user: TestUser, url: unknown) => http().post('/webhooks').set(bearer(user)).send({ url });

  beforeAll(async () => {
    const env = { WEBHOOKS_PER_USER: String(LIMIT), WEBHOOK_RETRY_DELAY_MS: '10' };
    stack = await startWebhookStack(env);
    ({ gateway, worker, receiver } = stack);
    alice = await loggedIn(gateway, 'alice-webhooks');
    bob = await loggedIn(gateway, 'bob-webhooks');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const ID = '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13';
  it.each([
    ['get', '/webhooks'],
    ['post', '/webhooks'],
    ['delete', `/webhooks/${ID}`],
    ['post', `/webhooks/${ID}/test`],
    ['get', `/webhooks/${ID}/deliveries`],
  ] as const)('%s %s refuses a caller without a token with 401', async (method, url) => {
    const res = await http()[method](url).send({}).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('adds a webhook with a public address, shows its secret once, lists it without, and deletes it', async () => {
    expect((await http().get('/webhooks').set(bearer(alice)).expect(200)).body).toEqual({ webhooks: [], limit: LIMIT });
    const created = (await create(alice, 'https://93.184.215.14/hooks/candlecast?source=test').expect(201)).body;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: 'https://93.184.215.14/hooks/candlecast?source=test',
      active: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: expect.any(String),
      lastDelivery: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const { secret, ...view } = created;
    expect((await http().get('/webhooks').set(bearer(alice)).expect(200)).body).toEqual({ webhooks: [view], limit: LIMIT });
    expect(secret).toBeDefined();
    await http().delete(`/webhooks/${created.id}`).set(bearer(alice)).expect(204);
    await http().delete(`/webhooks/${created.id}`).set(bearer(alice)).expect(404);
  });

  it(`keeps at most WEBHOOKS_PER_USER (${LIMIT}) per user: one more is a 409`, async () => {
    const ids = [];
    for (let i = 0; i < LIMIT; i++) ids.push((await create(alice, `https://93.184.215.14/hook/${i}`).expect(201)).body.id);
    const res = await create(alice, 'https://93.184.215.14/hook/extra').expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `A user may keep at most ${LIMIT} webhooks: delete one first`,
    });
    // Another user has places of their own.
    const bobs = (await create(bob, 'https://93.184.215.14/hook/bob').expect(201)).body.id;
    for (const id of ids) await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
    await http().delete(`/webhooks/${bobs}`).set(bearer(bob)).expect(204);
  });

  it("answers another user's webhook, and an unknown one, with 404 on every route", async () => {
    const { id } = (await create(alice, 'https://93.184.215.14/hook/mine').expect(201)).body;
    for (const target of [id, ID]) {
      for (const res of [
        await http().delete(`/webhooks/${target}`).set(bearer(bob)),
        await http().post(`/webhooks/${target}/test`).set(bearer(bob)),
        await http().get(`/webhooks/${target}/deliveries`).set(bearer(bob)),
      ])
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No webhook with id '${target}'` });
    }
    expect((await http().get('/webhooks').set(bearer(bob)).expect(200)).body.webhooks).toEqual([]);
    expect((await http().get('/webhooks').set(bearer(alice)).expect(200)).body.webhooks).toHaveLength(1);
    await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
  });

  it.each([
    ['delete', '/webhooks/not-a-uuid'],
    ['post', '/webhooks/123/test'],
    ['get', '/webhooks/0b7c2f4e/deliveries'],
  ] as const)('%s %s is a 400 naming the id', async (method, url) => {
    const res = await http()[method](url).set(bearer(alice)).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'id must be a webhook id (a UUID)' });
  });

  it.each(['0', '101', 'x'])('GET /webhooks/{id}/deliveries?limit=%s is a 400 naming limit', async (limit) => {
    const res = await http().get(`/webhooks/${ID}/deliveries?limit=${limit}`).set(bearer(alice)).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: 'limit must be a whole number from 1 to 100' });
  });

  it.each([
    [undefined, 'url must be a string'],
    [42, 'url must be a string'],
    ['not a url', 'url must be an absolute http or https URL, such as https://example.com/hooks/candlecast'],
    ['ftp://example.com/hook', 'url must use http or https'],
    ['file:///etc/passwd', 'url must use http or https'],
    ['https://user:secret@example.com/hook', 'url must not carry a user name or password'],
    ['https://token@example.com/hook', 'url must not carry a user name or password'],
    ['https://example.com/hook#part', 'url must not have a #fragment'],
    [`https://example.com/${'a'.repeat(2048)}`, 'url must be at most 2048 characters'],
  ])('POST /webhooks {url: %j} is a 400: %s', async (url, message) => {
    const res = await create(alice, url).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
  });

  it.each([
    ['http://127.0.0.1:8080/hook', `url's host 127.0.0.1 is a loopback address, ${PRIVATE}`],
    ['http://[::1]/hook', `url's host ::1 is a loopback address, ${PRIVATE}`],
    ['http://[::ffff:127.0.0.1]/hook', `url's host ::ffff:7f00:1 is a loopback address, ${PRIVATE}`],
    ['http://2130706433/hook', `url's host 127.0.0.1 is a loopback address, ${PRIVATE}`],
    ['http://10.0.0.8/hook', `url's host 10.0.0.8 is a private address, ${PRIVATE}`],
    ['http://172.20.1.1/hook', `url's host 172.20.1.1 is a private address, ${PRIVATE}`],
    ['http://192.168.1.10/hook', `url's host 192.168.1.10 is a private address, ${PRIVATE}`],
    ['http://100.64.0.1/hook', `url's host 100.64.0.1 is a private address, ${PRIVATE}`],
    ['http://[fc00::1]/hook', `url's host fc00::1 is a private address, ${PRIVATE}`],
    ['http://169.254.169.254/latest/meta-data/', `url's host 169.254.169.254 is a cloud metadata address, ${NEVER}`],
    ['http://[fd00:ec2::254]/latest/meta-data/', `url's host fd00:ec2::254 is a cloud metadata address, ${NEVER}`],
    ['http://100.100.100.200/', `url's host 100.100.100.200 is a cloud metadata address, ${NEVER}`],
    ['http://[::ffff:169.254.169.254]/', `url's host ::ffff:a9fe:a9fe is a cloud metadata address, ${NEVER}`],
    ['http://169.254.10.1/', `url's host 169.254.10.1 is a link-local address, ${NEVER}`],
    ['http://[fe80::1]/', `url's host fe80::1 is a link-local address, ${NEVER}`],
    ['http://0.0.0.0:3000/', `url's host 0.0.0.0 is an unspecified address, ${NEVER}`],
    ['http://224.0.0.1/', `url's host 224.0.0.1 is a multicast address, ${NEVER}`],
  ])('refuses %s with a 400 saying why', async (url, message) => {
    const res = await create(alice, url).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
  });

  it('refuses a name that resolves to a loopback address, and one that does not resolve', async () => {
    const local = await create(alice, 'http://localhost:8080/hook').expect(400);
    expect(local.body.message).toMatch(
      new RegExp(`^url's host localhost resolves to (127\\.0\\.0\\.1|::1), a loopback address, ${PRIVATE}$`),
    );
    const nowhere = await create(alice, 'https://candlecast-webhook.invalid/hook').expect(400);
    expect(nowhere.body.message).toMatch(/^url's host candlecast-webhook\.invalid does not resolve/);
  });

  it('checks the address again at delivery time: a webhook whose host now resolves to loopback is never contacted', async () => {
    // As if the name had resolved to a public address when the webhook was added, and to loopback now.
    const userId = (await gateway.get(UserRepository).findByUsername(alice.username))!.id;
    const [{ id }] = await gateway
      .get(DataSource)
      .query(`INSERT INTO webhooks (user_id, url, secret) VALUES ($1, $2, 'v1:x:y:z') RETURNING id`, [
        userId,
        receiver.url('/rebound', 'localhost'),
      ]);
    const { deliveryIds } = await gateway.get(NotificationDispatcher).send({
      userId,
      kind: 'price_above',
      title: 'BTC closed above 70,000 USD',
      body: '…',
      data: {},
      channels: ['webhook'],
      event: 'alert.fired',
    });
    const queue = worker.get(JobProducer).queue(QueueName.Notifications);
    await eventually(
      () => queue.getJobState(deliveryIds[0]),
      (state) => state === 'failed',
      20_000,
      'the delivery to give up',
    );
    expect(receiver.received).toEqual([]);
    const [delivery] = (await http().get(`/webhooks/${id}/deliveries`).set(bearer(alice)).expect(200)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 6, responseStatus: null });
    expect(delivery.error).toMatch(
      new RegExp(`^not sent: url's host localhost resolves to (127\\.0\\.0\\.1|::1), a loopback address, ${PRIVATE}$`),
    );
  });
});
