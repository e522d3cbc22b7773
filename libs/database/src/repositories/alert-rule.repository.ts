import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { deleteInBatches, RETENTION_BATCH } from './batched-delete.js';
import { insertWithinUserLimit } from './per-user-limit.js';
import { intervalCode, intervalMinutes, type AlertChannel, type AlertKind, type IntervalCode } from '#libs/domain';

/** A rule's fields as stored (spans in minutes). */
export interface AlertRuleData {
  assetId: number;
  interval: IntervalCode;
  kind: AlertKind;
  threshold: number | null;
  windowMinutes: number | null;
  level: number | null;
  cooldownMinutes: number;
  channels: AlertChannel[];
  active: boolean;
  /** Until when it does not fire; null: not snoozed. */
  snoozedUntil: Date | null;
}

export interface StoredAlertRule extends Omit<AlertRuleData, 'assetId'> {
  id: string;
  userId: string;
  asset: string;
  createdAt: Date;
  updatedAt: Date;
  lastFiredAt: Date | null;
}

/** One firing of a rule: unique per (rule, firing key), so that an event fires a rule once. */
export interface NewFiring {
  ruleId: string;
  key: string;
  occurredAt: Date | null;
  value: number | null;
}

/** What a rule's locked row says about firing it now. */
export interface FiringState {
  active: boolean;
  /** It fired less than its cooldown ago. */
  coolingDown: boolean;
  /** Its snoozed_until is still ahead. */
  snoozed: boolean;
}

interface RuleRow extends Omit<StoredAlertRule, 'interval'> {
  interval: number;
}

const COLUMNS = `r.id, r.user_id AS "userId", a.symbol AS asset, r.interval, r.kind, r.threshold, r.window_minutes AS "windowMinutes",
  r.level, r.cooldown_minutes AS "cooldownMinutes", r.channels, r.active, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.last_fired_at AS "lastFiredAt", CASE WHEN r.snoozed_until > now() THEN r.snoozed_until END AS "snoozedUntil"`;

const toRule = (row: RuleRow): StoredAlertRule => ({ ...row, interval: intervalCode(row.interval) });

/**
 * Users' alert rules (table alert_rules) and what they fired (alert_firings). A rule read back
 * shows its snooze only while it lasts (by Postgres' clock, which judges it in lockForFiring): one
 * that is over reads null, so that a rule read and sent back is never refused for a past snoozedUntil.
 */
@Injectable()
export class AlertRuleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A user's rules, newest first. */
  async list(userId: string): Promise<StoredAlertRule[]> {
    const rows = await this.db.query<RuleRow[]>(
      `SELECT ${COLUMNS} FROM alert_rules r JOIN assets a ON a.id = r.asset_id WHERE r.user_id = $1 ORDER BY r.created_at DESC, r.id`,
      [userId],
    );
    return rows.map(toRule);
  }

  /** One of the user's rules; null when it is another user's or none at all. */
  async find(userId: string, id: string, manager: EntityManager = this.db.manager): Promise<StoredAlertRule | null> {
    const [row] = await manager.query<RuleRow[]>(
      `SELECT ${COLUMNS} FROM alert_rules r JOIN assets a ON a.id = r.asset_id WHERE r.user_id = $1 AND r.id = $2`,
      [userId, id],
    );
    return row ? toRule(row) : null;
  }

  /** Adds a rule unless the user has `limit` already (null then; insertWithinUserLimit). */
  async createWithin(userId: string, rule: AlertRuleData, limit: number): Promise<StoredAlertRule | null> {
    return insertWithinUserLimit(this.db, 'alert_rules', userId, limit, async (manager) => {
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO alert_rules (user_id, asset_id, interval, kind, threshold, window_minutes, level, cooldown_minutes, channels, active,
                                  snoozed_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [userId, ...values(rule)],
      );
      return this.find(userId, id, manager);
    });
  }

  /** Replaces every field of one of the user's rules; null when it is not theirs. */
  async replace(userId: string, id: string, rule: AlertRuleData): Promise<StoredAlertRule | null> {
    const [rows] = await this.db.query<[{ id: string }[], number]>(
      `UPDATE alert_rules SET asset_id = $3, interval = $4, kind = $5, threshold = $6, window_minutes = $7, level = $8,
              cooldown_minutes = $9, channels = $10, active = $11, snoozed_until = $12, updated_at = now()
        WHERE user_id = $1 AND id = $2 RETURNING id`,
      [userId, id, ...values(rule)],
    );
    return rows.length === 1 ? this.find(userId, id) : null;
  }

  /** Deletes one of the user's rules (its firings with it); false when it is not theirs. */
  async delete(userId: string, id: string): Promise<boolean> {
    const [, affected] = await this.db.query<[unknown, number]>(`DELETE FROM alert_rules WHERE user_id = $1 AND id = $2`, [userId, id]);
    return affected === 1;
  }

  /**
   * The active rules of `kinds` on one series. A rule of an admin kind counts only while its
   * owner is an admin: a demoted user's such rules rest.
   */
  async activeOfSeries(
    assetId: number,
    interval: IntervalCode,
    kinds: readonly AlertKind[],
    adminKinds: readonly AlertKind[],
  ): Promise<StoredAlertRule[]> {
    const rows = await this.db.query<RuleRow[]>(
      `SELECT ${COLUMNS} FROM alert_rules r JOIN assets a ON a.id = r.asset_id JOIN users u ON u.id = r.user_id
        WHERE r.asset_id = $1 AND r.interval = $2 AND r.active AND r.kind = ANY($3)
          AND (u.role = 'admin' OR NOT r.kind = ANY($4))
        ORDER BY r.created_at, r.id`,
      [assetId, intervalMinutes(interval), kinds, adminKinds],
    );
    return rows.map(toRule);
  }

  /**
   * Locks the rule for a firing (SELECT … FOR UPDATE, inside the caller's transaction) and reads
   * whether it may fire: another worker firing it waits here, then sees its last_fired_at and its
   * snooze as they are now. The cooldown and the snooze are judged by Postgres' clock, which also
   * wrote last_fired_at, so that every worker judges them alike.
   */
  async lockForFiring(ruleId: string, manager: EntityManager): Promise<FiringState | null> {
    const [row] = await manager.query<FiringState[]>(
      `SELECT active, coalesce(last_fired_at > now() - make_interval(mins => cooldown_minutes), false) AS "coolingDown",
              coalesce(snoozed_until > now(), false) AS snoozed
         FROM alert_rules WHERE id = $1 FOR UPDATE`,
      [ruleId],
    );
    return row ?? null;
  }

  /** Records a firing and the rule's last_fired_at; null (and nothing written) when the rule fired for this key before. */
  async recordFiring(firing: NewFiring, manager: EntityManager): Promise<{ id: string; firedAt: Date } | null> {
    const [row] = await manager.query<{ id: string; firedAt: Date }[]>(
      `INSERT INTO alert_firings (rule_id, firing_key, occurred_at, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (rule_id, firing_key) DO NOTHING RETURNING id::text AS id, fired_at AS "firedAt"`,
      [firing.ruleId, firing.key, firing.occurredAt, firing.value],
    );
    if (!row) return null;
    await manager.query(`UPDATE alert_rules SET last_fired_at = $2 WHERE id = $1`, [firing.ruleId, row.firedAt]);
    return row;
  }

  /**
   * Deletes the firings recorded more than `ageSeconds` ago, `batch` a statement (deleteInBatches),
   * except the newest of each rule: the one recorded with the rule's last_fired_at. How many.
   *
   * A firing is the key (rule, firing key) that keeps an event from firing its rule twice, so it
   * must outlive every check of its event. Most are checked within minutes: a candle when it
   * arrives and on that job's retries (a sync's catch-up checks the candles it inserted, never one
   * checked before), a forecast, a scoring or a failed training by their one job. Two keys come
   * back later, and each is its rule's newest firing: a backfill checks the series' newest candle
   * again; and a candles_stale rule checks `stale:<newest open time>` every sync period for as long
   * as the series stays stale (for good, once Kraken stops serving a pair), so that without its
   * firing it would fire again for the same spell once its cooldown was over. The cooldown itself
   * reads last_fired_at, on the rule: deleting firings never shortens it.
   */
  deleteFiringsOlderThan(ageSeconds: number, batch = RETENTION_BATCH): Promise<number> {
    return deleteInBatches(
      this.db,
      'alert_firings',
      `SELECT f.id FROM alert_firings f JOIN alert_rules r ON r.id = f.rule_id
       WHERE f.fired_at < now() - make_interval(secs => $2) AND f.fired_at < r.last_fired_at LIMIT $1`,
      [ageSeconds],
      batch,
    );
  }
}

function values(rule: AlertRuleData): unknown[] {
  return [
    rule.assetId,
    intervalMinutes(rule.interval),
    rule.kind,
    rule.threshold,
    rule.windowMinutes,
    rule.level,
    rule.cooldownMinutes,
    rule.channels,
    rule.active,
    rule.snoozedUntil,
  ];
}
