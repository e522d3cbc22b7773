import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { WebhookRepository, type DeliveryTarget, type Dispatched } from '#libs/database';
import { NotificationDispatcher, SIGNATURE_HEADER, signWebhook, WebhookPolicy, WebhookTargetRefusedError } from '#libs/notifications';
import { Metrics } from '#libs/observability';
import { postWebhook, WebhookTimeoutError } from './webhook-post.js';

/** An attempt that did not get a 2xx: thrown so that BullMQ tries again with backoff (or, on the last attempt, gives up). */
export class WebhookDeliveryFailedError extends Error {}

export type DeliveryOutcome = { outcome: 'delivered'; responseStatus: number } | { outcome: 'skipped'; reason: string };

interface Failure {
  responseStatus: number | null;
  error: string;
}

/**
 * Makes one attempt of one webhook delivery: resolves the webhook's host and checks the address
 * (again: it may resolve elsewhere than when the webhook was added), POSTs the stored payload plus
 * its delivery id, signed, to that address, and records the outcome on the delivery. The last
 * failed attempt gives up: the delivery is failed, the webhook's failures in a row count up, and
 * at WEBHOOK_FAILURES_TO_DISABLE the webhook is disabled and its owner told in the inbox.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly policy: WebhookPolicy,
    private readonly dispatcher: NotificationDispatcher,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Every outcome exists from the start, at 0, so that the failure-rate alert sees the first failure.
    for (const outcome of ['delivered', 'failed', 'gave_up']) metrics.webhookDeliveries.inc({ outcome }, 0);
  }

  /** One attempt; throws WebhookDeliveryFailedError when it failed (after recording it). */
  async attempt(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const target = await this.webhooks.target(deliveryId);
    if (!target) return { outcome: 'skipped', reason: 'the webhook was deleted' };
    if (target.status !== 'pending') return { outcome: 'skipped', reason: `already ${target.status}` };
    if (!target.active && target.event !== 'webhook.test') {
      await this.webhooks.skipped(deliveryId, 'the webhook was disabled before this delivery');
      return { outcome: 'skipped', reason: 'the webhook is disabled' };
    }
    const failure = await this.send(target);
    if (typeof failure === 'number') {
      await this.webhooks.delivered(deliveryId, failure, target.event === 'webhook.test');
      this.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      if (target.occurredAt) this.metrics.notificationDelivered('webhook', target.occurredAt);
      return { outcome: 'delivered', responseStatus: failure };
    }
    if (!lastAttempt) {
      await this.webhooks.attemptFailed(deliveryId, failure.responseStatus, failure.error);
      this.metrics.webhookDeliveries.inc({ outcome: 'failed' });
    } else {
      await this.giveUp(target, failure);
      this.metrics.webhookDeliveries.inc({ outcome: 'gave_up' });
    }
    throw new WebhookDeliveryFailedError(failure.error);
  }

  /** The 2xx status that acknowledged it, or why it failed. */
  private async send(target: DeliveryTarget): Promise<number | Failure> {
    try {
      const url = new URL(target.url);
      const address = await this.policy.guard.resolve(url.hostname);
      const body = JSON.stringify({ ...target.payload, deliveryId: target.id });
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'Candlecast-Webhooks/1',
        'X-Candlecast-Event': target.event,
        'X-Candlecast-Delivery': target.id,
        [SIGNATURE_HEADER]: signWebhook(this.policy.cipher.open(target.sealedSecret), body),
      };
      const status = await postWebhook(url, address, headers, body, this.config.WEBHOOK_TIMEOUT_MS);
      return status >= 200 && status < 300 ? status : { responseStatus: status, error: `answered ${status}` };
    } catch (error) {
      if (error instanceof WebhookTargetRefusedError) return { responseStatus: null, error: `not sent: ${error.message}` };
      if (error instanceof WebhookTimeoutError) return { responseStatus: null, error: error.message };
      const code = (error as NodeJS.ErrnoException).code;
      return { responseStatus: null, error: code ? `${code}: ${(error as Error).message}` : (error as Error).message };
    }
  }

  private async giveUp(target: DeliveryTarget, failure: Failure): Promise<void> {
    const limit = this.config.WEBHOOK_FAILURES_TO_DISABLE;
    const notice = await this.db.transaction(async (manager): Promise<Dispatched | undefined> => {
      const outcome = await this.webhooks.gaveUp(
        target.id,
        failure,
        limit,
        (failures) => `${failures} deliveries in a row failed (the last: ${failure.error})`,
        manager,
      );
      if (!outcome.disabled) return undefined;
      return this.dispatcher.write(
        {
          userId: target.userId,
          kind: 'webhook_disabled',
          event: 'webhook.disabled',
          title: `Webhook disabled: ${new URL(target.url).host}`,
          body:
            `${outcome.consecutiveFailures} deliveries in a row to ${target.url} failed, each after all its retries ` +
            `(the last: ${failure.error}), so it is disabled. Once the receiver works, a test delivery that gets through turns it back on.`,
          data: {
            webhookId: target.webhookId,
            url: target.url,
            consecutiveFailures: outcome.consecutiveFailures,
            lastError: failure.error,
          },
          channels: ['inbox'],
          occurredAt: new Date(),
        },
        manager,
      );
    });
    if (notice) await this.dispatcher.enqueue(notice);
  }
}
