import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { webhookPayload, WebhookRepository, type DeliveryRow, type WebhookRow } from '#libs/database';
import { newWebhookSecret, NotificationDispatcher, UnknownWebhookError, WebhookLimitError, WebhookPolicy } from '#libs/notifications';
import type {
  CreatedWebhookDto,
  DeliveryListDto,
  DeliveryViewDto,
  TestDeliveryDto,
  WebhookListDto,
  WebhookViewDto,
} from './dto/webhook-views.dto.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

const webhookView = (row: WebhookRow): WebhookViewDto => ({
  id: row.id,
  url: row.url,
  active: row.active,
  disabledReason: row.disabledReason,
  consecutiveFailures: row.consecutiveFailures,
  createdAt: row.createdAt.toISOString(),
  lastDelivery: row.lastDelivery && { ...row.lastDelivery, at: row.lastDelivery.at.toISOString() },
});

const deliveryView = (row: DeliveryRow): DeliveryViewDto => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastAttemptAt: iso(row.lastAttemptAt),
  deliveredAt: iso(row.deliveredAt),
});

/** Each user's webhooks: the URL checked against the address policy, the secret sealed at rest and shown once. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly policy: WebhookPolicy,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(userId: string): Promise<WebhookListDto> {
    return { webhooks: (await this.webhooks.list(userId)).map(webhookView), limit: this.config.WEBHOOKS_PER_USER };
  }

  /** Adds a webhook whose host resolves to allowed addresses only (checked again at each delivery). */
  async create(userId: string, url: string): Promise<CreatedWebhookDto> {
    await this.policy.guard.resolve(new URL(url).hostname);
    const secret = newWebhookSecret();
    const row = await this.webhooks.create(userId, url, this.policy.cipher.seal(secret), this.config.WEBHOOKS_PER_USER);
    if (!row) throw new WebhookLimitError(this.config.WEBHOOKS_PER_USER);
    return { ...webhookView(row), secret };
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.webhooks.remove(userId, id))) throw new UnknownWebhookError(id);
  }

  /** Queues a `webhook.test` delivery to this webhook alone (a disabled one too: one that gets through turns it back on). */
  async test(userId: string, id: string): Promise<TestDeliveryDto> {
    if (!(await this.webhooks.find(userId, id))) throw new UnknownWebhookError(id);
    const now = new Date();
    const payload = webhookPayload(
      {
        event: 'webhook.test',
        kind: 'webhook_test',
        title: 'Test delivery',
        body: 'Candlecast can reach this webhook.',
        data: { webhookId: id },
        occurredAt: now,
      },
      null,
      now,
    );
    const deliveryId = await this.webhooks.addDelivery(id, 'webhook.test', payload, now);
    await this.dispatcher.queueDelivery(deliveryId);
    return { deliveryId };
  }

  async deliveries(userId: string, id: string, limit: number): Promise<DeliveryListDto> {
    const rows = await this.webhooks.deliveries(userId, id, limit);
    if (!rows) throw new UnknownWebhookError(id);
    return { deliveries: rows.map(deliveryView) };
  }
}
