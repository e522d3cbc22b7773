import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { deleteInBatches, RETENTION_BATCH } from './batched-delete.js';
import { insertWithinUserLimit } from './per-user-limit.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A webhook as its owner sees it: never its secret. */
export interface WebhookRow {
  id: string;
  url: string;
  active: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  lastDelivery: { status: DeliveryStatus; at: Date; responseStatus: number | null } | null;
}

export interface DeliveryRow {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/** What the worker needs to make one delivery: the delivery, and its webhook with the sealed secret. */
export interface DeliveryTarget {
  id: string;
  status: DeliveryStatus;
  event: string;
  payload: Record<string, unknown>;
  occurredAt: Date | null;
  webhookId: string;
  userId: string;
  url: string;
  sealedSecret: string;
  active: boolean;
}

/** What giving up on a delivery did to its webhook. */
export interface GaveUp {
  /** False when the delivery was no longer pending (another attempt settled it): nothing changed. */
  settled: boolean;
  /** True when this failure was the one that disabled the webhook. */
  disabled: boolean;
  consecutiveFailures: number;
}

const WEBHOOK_COLUMNS = `
  w.id, w.url, w.active, w.disabled_reason AS "disabledReason", w.consecutive_failures AS "consecutiveFailures",
  w.created_at AS "createdAt",
  (SELECT json_build_object('status', d.status, 'at', COALESCE(d.last_attempt_at, d.created_at), 'responseStatus', d.response_status)
     FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.created_at DESC LIMIT 1) AS "lastDelivery"`;

const DELIVERY_COLUMNS = `
  id, event, status, attempts, response_status AS "responseStatus", error, created_at AS "createdAt",
  last_attempt_at AS "lastAttemptAt", delivered_at AS "deliveredAt"`;

interface RawWebhook extends Omit<WebhookRow, 'lastDelivery'> {
  lastDelivery: { status: DeliveryStatus; at: string; responseStatus: number | null } | null;
}

const toWebhook = ({ lastDelivery, ...row }: RawWebhook): WebhookRow => ({
  ...row,
  lastDelivery: lastDelivery && { ...lastDelivery, at: new Date(lastDelivery.at) },
});

/** Users' webhooks (table webhooks) and their deliveries (webhook_deliveries, the outbox the dispatcher writes). */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Adds a webhook unless its user already has `limit` (null then; insertWithinUserLimit). */
  create(userId: string, url: string, sealedSecret: string, limit: number): Promise<WebhookRow | null> {
    return insertWithinUserLimit(this.db, 'webhooks', userId, limit, async (manager) => {
      const [{ id }] = (await manager.query(`INSERT INTO webhooks (user_id, url, secret) VALUES ($1, $2, $3) RETURNING id`, [
        userId,
        url,
        sealedSecret,
      ])) as { id: string }[];
      return (await this.find(userId, id, manager))!;
    });
  }

  /** The user's webhooks, oldest first. */
  async list(userId: string): Promise<WebhookRow[]> {
    const rows = (await this.db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.user_id = $1 ORDER BY w.created_at, w.id`, [
      userId,
    ])) as RawWebhook[];
    return rows.map(toWebhook);
  }

  /** One of the user's webhooks; null for another's or an unknown id. */
  async find(userId: string, id: string, manager: EntityManager = this.db.manager): Promise<WebhookRow | null> {
    const [row] = (await manager.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.user_id = $1 AND w.id = $2`, [
      userId,
      id,
    ])) as RawWebhook[];
    return row ? toWebhook(row) : null;
  }

  /** Deletes one of the user's webhooks (its deliveries with it); false when the user has no such webhook. */
  async remove(userId: string, id: string): Promise<boolean> {
    const [row] = (await this.db.query(
      `WITH gone AS (DELETE FROM webhooks WHERE user_id = $1 AND id = $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [userId, id],
    )) as { n: number }[];
    return row.n > 0;
  }

  /** The newest deliveries of one of the user's webhooks, newest first; null when the user has no such webhook. */
  async deliveries(userId: string, webhookId: string, limit: number): Promise<DeliveryRow[] | null> {
    if (!(await this.find(userId, webhookId))) return null;
    return this.db.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [
      webhookId,
      limit,
    ]);
  }

  /** A pending delivery to one webhook alone (POST /webhooks/{id}/test); its id. */
  async addDelivery(webhookId: string, event: string, payload: Record<string, unknown>, occurredAt: Date): Promise<string> {
    const [row] = (await this.db.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload, occurred_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [webhookId, event, JSON.stringify(payload), occurredAt],
    )) as { id: string }[];
    return row.id;
  }

  /** The delivery and its webhook; null once the webhook (and so the delivery) was deleted. */
  async target(deliveryId: string): Promise<DeliveryTarget | null> {
    const [row] = (await this.db.query(
      `SELECT d.id, d.status, d.event, d.payload, d.occurred_at AS "occurredAt", w.id AS "webhookId", w.user_id AS "userId",
              w.url, w.secret AS "sealedSecret", w.active
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryTarget[];
    return row ?? null;
  }

  /** Records a failed attempt of a pending delivery (it stays pending: it will be tried again). */
  async attemptFailed(deliveryId: string, responseStatus: number | null, error: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), response_status = $2, error = $3
       WHERE id = $1 AND status = 'pending'`,
      [deliveryId, responseStatus, error],
    );
  }

  /**
   * Records the attempt that was acknowledged: the webhook's failures in a row start again from 0,
   * and `enable` (a test delivery that got through) turns a disabled webhook back on.
   */
  async delivered(deliveryId: string, responseStatus: number, enable: boolean): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [row] = (await manager.query(
        `WITH done AS (
           UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = now(), delivered_at = now(),
             response_status = $2, error = NULL
           WHERE id = $1 AND status = 'pending' RETURNING webhook_id)
         SELECT webhook_id AS id FROM done`,
        [deliveryId, responseStatus],
      )) as { id: string }[];
      if (!row) return;
      await manager.query(
        `UPDATE webhooks SET consecutive_failures = 0,
           active = active OR $2, disabled_reason = CASE WHEN $2 THEN NULL ELSE disabled_reason END
         WHERE id = $1`,
        [row.id, enable],
      );
    });
  }

  /**
   * Records the last attempt, failed: the delivery is `failed`, its webhook's failures in a row
   * count up, and at `failuresToDisable` an active webhook is disabled with `reason`. In the
   * caller's transaction, so that the owner's notice commits with it.
   */
  async gaveUp(
    deliveryId: string,
    failure: { responseStatus: number | null; error: string },
    failuresToDisable: number,
    reason: (failures: number) => string,
    manager: EntityManager,
  ): Promise<GaveUp> {
    const [row] = (await manager.query(
      `WITH done AS (
         UPDATE webhook_deliveries SET status = 'failed', attempts = attempts + 1, last_attempt_at = now(), response_status = $2, error = $3
         WHERE id = $1 AND status = 'pending' RETURNING webhook_id)
       SELECT w.id, w.active, w.consecutive_failures AS failures FROM done JOIN webhooks w ON w.id = done.webhook_id FOR UPDATE OF w`,
      [deliveryId, failure.responseStatus, failure.error],
    )) as { id: string; active: boolean; failures: number }[];
    if (!row) return { settled: false, disabled: false, consecutiveFailures: 0 };
    const failures = row.failures + 1;
    const disabled = row.active && failures >= failuresToDisable;
    await manager.query(
      `UPDATE webhooks SET consecutive_failures = $2, active = active AND NOT $3, disabled_reason = CASE WHEN $3 THEN $4 ELSE disabled_reason END
       WHERE id = $1`,
      [row.id, failures, disabled, reason(failures)],
    );
    return { settled: true, disabled, consecutiveFailures: failures };
  }

  /** Marks a pending delivery failed without an attempt (its webhook was disabled meanwhile). */
  async skipped(deliveryId: string, error: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET status = 'failed', error = $2 WHERE id = $1 AND status = 'pending'`, [
      deliveryId,
      error,
    ]);
  }

  /**
   * Deletes the finished deliveries (`delivered`, `failed`: neither is ever tried again) written
   * more than `ageSeconds` ago, `batch` a statement (deleteInBatches); a pending one is still to be
   * tried (or queued again by the sweep) and stays however old. How many.
   */
  deleteFinishedOlderThan(ageSeconds: number, batch = RETENTION_BATCH): Promise<number> {
    return deleteInBatches(
      this.db,
      'webhook_deliveries',
      `SELECT id FROM webhook_deliveries
       WHERE status IN ('delivered', 'failed') AND created_at < now() - make_interval(secs => $2) LIMIT $1`,
      [ageSeconds],
      batch,
    );
  }

  /** Pending deliveries written more than `olderThanMs` ago, oldest first: candidates for the sweep. */
  async pendingBefore(olderThanMs: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
