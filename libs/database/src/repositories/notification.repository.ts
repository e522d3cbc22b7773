import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Where a notification goes: the user's inbox (and so their open pages), and their webhooks. */
export const CHANNELS = ['inbox', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One notification for one user, as a firing rule or the platform sends it. */
export interface NotificationInput {
  userId: string;
  /** An alert kind (`price_above`, …) or the platform's own (`webhook_disabled`, `refresh_reuse`, `webhook_test`). */
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  channels: readonly Channel[];
  /** The webhook event (`X-Candlecast-Event`): `alert.fired`, `webhook.test`, … */
  event: string;
  firingId?: string | null;
  /** When what it reports happened (a candle's close): the latency metric's start. */
  occurredAt?: Date | null;
}

/** What a dispatch wrote: the inbox entry, and the webhook deliveries to enqueue once it commits. */
export interface Dispatched {
  notificationId: string | null;
  deliveryIds: string[];
}

/** The inbox (table notifications) and the webhook outbox (webhook_deliveries), written together. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes the inbox entry (channel `inbox`) and one pending delivery per active webhook of the
   * user (channel `webhook`), in the caller's transaction when given one: a firing and what it
   * sends commit together or not at all.
   */
  async dispatch(input: NotificationInput, manager: EntityManager = this.db.manager): Promise<Dispatched> {
    let notificationId: string | null = null;
    let createdAt = new Date();
    if (input.channels.includes('inbox')) {
      const [row] = (await manager.query(
        `INSERT INTO notifications (user_id, kind, title, body, data, firing_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id, created_at AS "createdAt"`,
        [input.userId, input.kind, input.title, input.body, JSON.stringify(input.data), input.firingId ?? null, input.occurredAt ?? null],
      )) as { id: string; createdAt: Date }[];
      notificationId = row.id;
      createdAt = row.createdAt;
    }
    if (!input.channels.includes('webhook')) return { notificationId, deliveryIds: [] };
    const payload = {
      event: input.event,
      kind: input.kind,
      title: input.title,
      body: input.body,
      data: input.data,
      notificationId,
      occurredAt: input.occurredAt?.toISOString() ?? null,
      createdAt: createdAt.toISOString(),
    };
    const rows = (await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload, occurred_at)
       SELECT id, $2, $3, $4 FROM webhooks WHERE user_id = $1 AND active ORDER BY created_at
       RETURNING id`,
      [input.userId, input.event, JSON.stringify(payload), input.occurredAt ?? null],
    )) as { id: string }[];
    return { notificationId, deliveryIds: rows.map((r) => r.id) };
  }
}
