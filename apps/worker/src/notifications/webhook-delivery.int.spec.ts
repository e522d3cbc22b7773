import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRepository } from '#libs/database';
import { NotificationDispatcher, SecretCipher, verifyWebhook } from '#libs/notifications';
import { Metrics } from '#libs/observability';
import { JobProducer, QueueName } from '#libs/queue';
import { sample } from '../../../../test/support/metrics.js';
import { eventually } from '../../../../test/support/queues.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import type { WebhookReceiver } from '../../../../test/support/webhook-receiver.js';
import { startWebhookStack, type WebhookStack } from '../../../../test/support/webhook-stack.js';
import { PendingDeliveriesSweep } from '../schedules/pending-deliveries.schedule.js';

const FAILURES_TO_DISABLE = 2;
const TIMEOUT_MS = 500;

/**
 * Webhooks end to end: added through the gateway, delivered by the worker over real HTTP to a
 * receiver of the test's own on 127.0.0.1 (hence WEBHOOK_ALLOW_PRIVATE), retried 100 ms, 200 ms, …
 * apart (WEBHOOK_RETRY_DELAY_MS) so that six attempts take seconds.
 */
describe('webhook deliveries', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;
  let gateway: NestExpressApplication;
  let worker: INestApplication;
  let alice: TestUser;
  const http = () => request(gateway.getHttpServer());
  const env = {
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_DELAY_MS: '100',
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    WEBHOOK_FAILURES_TO_DISABLE: String(FAILURES_TO_DISABLE),
  };
  const userId = async (user: TestUser) => (await gateway.get(UserRepository).findByUsername(user.username))!.id;
  const addWebhook = async (path: string) =>
    (
      await http()
        .post('/webhooks')
        .set(bearer(alice))
        .send({ url: receiver.url(path) })
        .expect(201)
    ).body;
  const fire = async (title: string) =>
    gateway.get(NotificationDispatcher).send({
      userId: await userId(alice),
      kind: 'price_above',
      title,
      body: `${title}, at 70,412 USD.`,
      data: { asset: 'BTC', price: 70412 },
      channels: ['inbox', 'webhook'],
      event: 'alert.fired',
      occurredAt: new Date(Date.now() - 2000),
    });
  const deliveries = async (webhookId: string) =>
    (await http().get(`/webhooks/${webhookId}/deliveries`).set(bearer(alice)).expect(200)).body.deliveries as {
      id: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      error: string | null;
    }[];
  const jobState = (id: string) => worker.get(JobProducer).queue(QueueName.Notifications).getJobState(id);
  const metric = async (series: string) => sample(await worker.get(Metrics).registry.metrics(), series) ?? 0;

  beforeAll(async () => {
    stack = await startWebhookStack(env);
    ({ gateway, worker, receiver } = stack);
    alice = await loggedIn(gateway, 'alice-hooks');
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('signs each attempt, retries a receiver that answers 500 twice, and stops at its 200: one delivery id three times', async () => {
    const delivered = await metric('candlecast_webhook_deliveries_total{outcome="delivered"}');
    const failed = await metric('candlecast_webhook_deliveries_total{outcome="failed"}');
    receiver.answer('/flaky', 500, 500, 200);
    const { id, secret } = await addWebhook('/flaky');
    const { deliveryIds } = await fire('BTC closed above 70,000 USD');
    expect(deliveryIds).toHaveLength(1);
    const [deliveryId] = deliveryIds;
    await eventually(
      () => jobState(deliveryId),
      (state) => state === 'completed',
      20_000,
      'the delivery job to complete',
    );

    const got = receiver.at('/flaky');
    expect(got).toHaveLength(3);
    for (const { headers, body, at } of got) {
      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-candlecast-event']).toBe('alert.fired');
      expect(headers['x-candlecast-delivery']).toBe(deliveryId);
      const signature = String(headers['x-candlecast-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      // The timestamp is the time of sending, within a few seconds of the receiver's clock.
      expect(Math.abs(Number(/t=(\d+)/.exec(signature)![1]) - at.getTime() / 1000)).toBeLessThan(5);
      expect(verifyWebhook(secret, body, signature, 60, at)).toBe(true);
      expect(verifyWebhook(secret, `${body} `, signature, 60, at)).toBe(false);
      expect(verifyWebhook('whsec_someone-else', body, signature, 60, at)).toBe(false);
      expect(JSON.parse(body)).toEqual({
        event: 'alert.fired',
        kind: 'price_above',
        title: 'BTC closed above 70,000 USD',
        body: 'BTC closed above 70,000 USD, at 70,412 USD.',
        data: { asset: 'BTC', price: 70412 },
        notificationId: expect.any(String),
        occurredAt: expect.any(String),
        createdAt: expect.any(String),
        deliveryId,
      });
    }
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(await deliveries(id)).toEqual([
      expect.objectContaining({ id: deliveryId, event: 'alert.fired', status: 'delivered', attempts: 3, responseStatus: 200, error: null }),
    ]);
    const [hook] = (await http().get('/webhooks').set(bearer(alice)).expect(200)).body.webhooks;
    expect(hook).toMatchObject({ id, active: true, consecutiveFailures: 0, lastDelivery: { status: 'delivered', responseStatus: 200 } });
    expect(await metric('candlecast_webhook_deliveries_total{outcome="delivered"}')).toBe(delivered + 1);
    expect(await metric('candlecast_webhook_deliveries_total{outcome="failed"}')).toBe(failed + 2);
    expect(await metric('candlecast_notification_latency_seconds_count{channel="webhook"}')).toBeGreaterThanOrEqual(1);
    // The job is done: nothing more is sent.
    expect(receiver.at('/flaky')).toHaveLength(3);
    await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
  });

  it('gives a delivery up after six failed attempts, disables a webhook that keeps failing, and tells its owner in the inbox', async () => {
    receiver.answer('/down', 503);
    const { id } = await addWebhook('/down');
    const sent = [await fire('first'), await fire('second')].map((d) => d.deliveryIds[0]);
    for (const deliveryId of sent)
      await eventually(
        () => jobState(deliveryId),
        (state) => state === 'failed',
        30_000,
        'the delivery job to give up',
      );
    expect(receiver.at('/down')).toHaveLength(2 * 6);

    expect(await deliveries(id)).toEqual(
      sent
        .reverse()
        .map((deliveryId) =>
          expect.objectContaining({ id: deliveryId, status: 'failed', attempts: 6, responseStatus: 503, error: 'answered 503' }),
        ),
    );
    const [hook] = (await http().get('/webhooks').set(bearer(alice)).expect(200)).body.webhooks;
    expect(hook).toMatchObject({
      id,
      active: false,
      consecutiveFailures: FAILURES_TO_DISABLE,
      disabledReason: '2 deliveries in a row failed (the last: answered 503)',
    });
    const inbox = (await http().get('/notifications').set(bearer(alice)).expect(200)).body.items;
    expect(inbox.filter((n: { kind: string }) => n.kind === 'webhook_disabled')).toEqual([
      expect.objectContaining({
        title: `Webhook disabled: 127.0.0.1:${receiver.port}`,
        data: { webhookId: id, url: receiver.url('/down'), consecutiveFailures: 2, lastError: 'answered 503' },
      }),
    ]);
    expect(await metric('candlecast_webhook_deliveries_total{outcome="gave_up"}')).toBeGreaterThanOrEqual(2);

    // Disabled: nothing more is queued to it.
    expect((await fire('third')).deliveryIds).toEqual([]);
    // Fixed: a test delivery that gets through turns it back on.
    receiver.answer('/down', 200);
    const { deliveryId } = (await http().post(`/webhooks/${id}/test`).set(bearer(alice)).expect(202)).body;
    await eventually(
      () => jobState(deliveryId),
      (state) => state === 'completed',
      10_000,
      'the test delivery',
    );
    expect(JSON.parse(receiver.at('/down').at(-1)!.body)).toMatchObject({ event: 'webhook.test', kind: 'webhook_test', deliveryId });
    const [again] = (await http().get('/webhooks').set(bearer(alice)).expect(200)).body.webhooks;
    expect(again).toMatchObject({ id, active: true, disabledReason: null, consecutiveFailures: 0 });
    await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
  });

  it('counts a receiver that does not answer within WEBHOOK_TIMEOUT_MS as a failure, and tries again', async () => {
    receiver.answer('/slow', 0, 204);
    const { id } = await addWebhook('/slow');
    const [deliveryId] = (await fire('slow')).deliveryIds;
    await eventually(
      () => jobState(deliveryId),
      (state) => state === 'completed',
      10_000,
      'the delivery job to complete',
    );
    expect(receiver.at('/slow').map((r) => r.headers['x-candlecast-delivery'])).toEqual([deliveryId, deliveryId]);
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 204 });
    await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
  });

  it('refuses link-local and metadata targets even with WEBHOOK_ALLOW_PRIVATE', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/hook']) {
      const res = await http().post('/webhooks').set(bearer(alice)).send({ url }).expect(400);
      expect(res.body.message).toMatch(/never allowed$/);
    }
  });

  it('keeps the secret encrypted at rest: the column holds no trace of it, and opens only with WEBHOOK_SECRET_KEY', async () => {
    const { id, secret } = await addWebhook('/sealed');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const [{ secret: stored }] = await gateway.get(DataSource).query(`SELECT secret FROM webhooks WHERE id = $1`, [id]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice('whsec_'.length));
    expect(stored).toMatch(/^v1:/);
    expect(new SecretCipher(process.env.WEBHOOK_SECRET_KEY ?? 'dev-only-webhook-key-change-me-0123456789abcdef').open(stored)).toBe(secret);
    expect(() => new SecretCipher('another key of at least thirty-two characters').open(stored)).toThrow();
    expect(JSON.stringify((await http().get('/webhooks').set(bearer(alice)).expect(200)).body)).not.toContain(secret);
    await http().delete(`/webhooks/${id}`).set(bearer(alice)).expect(204);
  });

  it('queues again a delivery left pending without a job (a process died between the commit and the queueing)', async () => {
    const { id } = await addWebhook('/late');
    const [row] = await gateway
      .get(DataSource)
      .query(
        `INSERT INTO webhook_deliveries (webhook_id, event, payload) VALUES ($1, 'alert.fired', '{"event":"alert.fired"}') RETURNING id`,
        [id],
      );
    expect(await worker.get(PendingDeliveriesSweep).sweep(0)).toBe(1);
    await eventually(
      () => jobState(row.id),
      (state) => state === 'completed',
      10_000,
      'the swept delivery',
    );
    expect(receiver.at('/late').map((r) => r.headers['x-candlecast-delivery'])).toEqual([row.id]);
    // Delivered now: a later sweep finds nothing to queue.
    expect(await worker.get(PendingDeliveriesSweep).sweep(0)).toBe(0);
  });
});
