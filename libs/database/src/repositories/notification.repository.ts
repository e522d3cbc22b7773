import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { deleteInBatches, RETENTION_BATCH } from './batched-delete.js';

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
  /** The input's occurredAt: where the inbox latency starts. */
  occurredAt?: Date | null;
}

/** One inbox entry as the API shows it. */
export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  occurredAt: Date | null;
  readAt: Date | null;
}

/** The JSON body of a webhook delivery (its delivery id joins it when sent): what happened, and its inbox entry if it has one. */
export function webhookPayload(
  notification: Pick<NotificationInput, 'event' | 'kind' | 'title' | 'body' | 'data' | 'occurredAt'>,
  notificationId: string | null,
  createdAt: Date,
): Record<string, unknown> {
  return {
    event: notification.event,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    data: notification.data,
    notificationId,
    occurredAt: notification.occurredAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
  };
}

const NOTIFICATION_COLUMNS = `id::text AS id, kind, title, body, data, created_at AS "createdAt", occurred_at AS "occurredAt", read_at AS "readAt"`;

/** The inbox (table notifications) and the webhook outbox (webhook_deliveries), written together. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes the inbox entry (channel `inbox`) and one pending delivery per active webhook of the
   * user (channel `webhook`), in the caller's transaction when given one: a firing and what it
   * sends commit together or not at all. Give it a transaction (NotificationDispatcher does):
   * the per-user lock that keeps the inbox in commit order lasts as long as one.
   */
  async dispatch(input: NotificationInput, manager: EntityManager = this.db.manager): Promise<Dispatched> {
    let notificationId: string | null = null;
    let createdAt = new Date();
    if (input.channels.includes('inbox')) {
      // One user's entries commit in the order of their ids (the lock is held until this
      // transaction ends), so that a stream that has sent id n never sees n - 1 commit later and
      // skip it. A one-key advisory lock: apart from the two-key ones of AdvisoryLockRepository.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('candlecast_notifications:' || $1, 0))`, [input.userId]);
      const [row] = (await manager.query(
        `INSERT INTO notifications (user_id, kind, title, body, data, firing_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id, created_at AS "createdAt"`,
        [input.userId, input.kind, input.title, input.body, JSON.stringify(input.data), input.firingId ?? null, input.occurredAt ?? null],
      )) as { id: string; createdAt: Date }[];
      notificationId = row.id;
      createdAt = row.createdAt;
    }
    const occurredAt = input.occurredAt ?? null;
    if (!input.channels.includes('webhook')) return { notificationId, deliveryIds: [], occurredAt };
    const payload = webhookPayload(input, notificationId, createdAt);
    const rows = (await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload, occurred_at)
       SELECT id, $2, $3, $4 FROM webhooks WHERE user_id = $1 AND active ORDER BY created_at
       RETURNING id`,
      [input.userId, input.event, JSON.stringify(payload), input.occurredAt ?? null],
    )) as { id: string }[];
    return { notificationId, deliveryIds: rows.map((r) => r.id), occurredAt };
  }

  /** A user's entries newest first, below `before` when given (the next page), unread ones only when asked; `limit + 1` rows say whether more follow. */
  page(userId: string, { unread, limit, before }: { unread: boolean; limit: number; before?: string }): Promise<NotificationRow[]> {
    return this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
       WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) AND (NOT $3 OR read_at IS NULL)
       ORDER BY id DESC LIMIT $4`,
      [userId, before ?? null, unread, limit],
    );
  }

  /** A user's entries after `afterId`, oldest first: what a stream has not sent yet. */
  after(userId: string, afterId: string, limit: number): Promise<NotificationRow[]> {
    return this.db.query(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [
      userId,
      afterId,
      limit,
    ]);
  }

  /** The id of a user's newest entry ('0' when none): where a stream opened without Last-Event-ID starts. */
  async newestId(userId: string): Promise<string> {
    const [row] = (await this.db.query(`SELECT COALESCE(max(id), 0)::text AS id FROM notifications WHERE user_id = $1`, [userId])) as {
      id: string;
    }[];
    return row.id;
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [
      userId,
    ])) as { n: number }[];
    return row.n;
  }

  /** Marks one of the user's entries read (one read before keeps its time); null when the user has no such entry. */
  async markRead(userId: string, id: string): Promise<NotificationRow | null> {
    const [row] = (await this.db.query(
      `WITH marked AS (UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE user_id = $1 AND id = $2 RETURNING *)
       SELECT ${NOTIFICATION_COLUMNS} FROM marked`,
      [userId, id],
    )) as NotificationRow[];
    return row ?? null;
  }

  /**
   * Deletes the entries of every user written more than `ageSeconds` ago, read or not (the inbox
   * shows the newest first, and a stream only what comes after its last id), `batch` a statement
   * (deleteInBatches); how many.
   */
  deleteOlderThan(ageSeconds: number, batch = RETENTION_BATCH): Promise<number> {
    return deleteInBatches(
      this.db,
      'notifications',
      `SELECT id FROM notifications WHERE created_at < now() - make_interval(secs => $2) LIMIT $1`,
      [ageSeconds],
      batch,
    );
  }

  /** Marks every unread entry of the user read; how many were. */
  async markAllRead(userId: string): Promise<number> {
    const [row] = (await this.db.query(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM marked`,
      [userId],
    )) as { n: number }[];
    return row.n;
  }
}
