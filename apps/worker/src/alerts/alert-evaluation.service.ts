import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AlertRuleRepository,
  AssetRepository,
  CandleRepository,
  PredictionRepository,
  type AssetEntity,
  type Dispatched,
  type StoredAlertRule,
} from '#libs/database';
import {
  ADMIN_ALERT_KINDS,
  ALERT_KINDS,
  ALERT_LIMITS,
  formatSpan,
  INTERVAL_LEVELS,
  intervalSeconds,
  kindsCheckedOn,
  type IntervalLevel,
} from '#libs/domain';
import { NotificationDispatcher } from '#libs/notifications';
import { Metrics } from '#libs/observability';
import type { EvaluatePayload } from '#libs/queue';
import { quoteName, signalOf, type AlertEventContext, type SeriesInfo, type Signal } from './alert-signals.js';

export interface EvaluationOutcome {
  asset: string;
  interval: string;
  trigger: string;
  /** The active rules the event checked, and those of them that fired. */
  checked: number;
  fired: string[];
  skipped?: string;
}

/**
 * Checks the active rules of one series once for one event, and fires those it meets. A firing
 * is one transaction: the rule's row locked (SELECT … FOR UPDATE, so that two workers checking
 * it wait for each other), its cooldown checked against last_fired_at and its snooze against
 * snoozed_until (a snoozed rule fires nothing and leaves the key free), the firing inserted
 * unique per (rule, firing key), and the notification written by the dispatcher; the webhook
 * deliveries are queued once that commits. The same event checked again (a job run twice, a
 * retry after a worker died mid-job, two workers) finds the firing there and fires nothing.
 */
@Injectable()
export class AlertEvaluationService implements OnModuleInit {
  private readonly logger = new Logger(AlertEvaluationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: AlertRuleRepository,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly forecasts: PredictionRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly metrics: Metrics,
  ) {}

  /** Every kind's counter starts at zero, so that Prometheus' increase() sees a kind's first firing. */
  onModuleInit(): void {
    for (const kind of ALERT_KINDS) this.metrics.alertsFired.inc({ kind }, 0);
  }

  async evaluate(payload: EvaluatePayload): Promise<EvaluationOutcome> {
    const { interval, trigger } = payload;
    const outcome: EvaluationOutcome = { asset: payload.asset, interval, trigger, checked: 0, fired: [] };
    const asset = await this.assets.findBySymbol(payload.asset);
    if (!asset?.tracked) return { ...outcome, skipped: `${payload.asset} is not tracked` };
    const rules = await this.rules.activeOfSeries(asset.id, interval, kindsCheckedOn(trigger), ADMIN_ALERT_KINDS);
    if (rules.length === 0) return outcome;
    const event = await this.load(asset, payload, rules);
    if (!event) return { ...outcome, checked: rules.length, skipped: `the ${trigger} event is not stored (any more)` };
    const series: SeriesInfo = { asset: asset.symbol, interval, intervalSeconds: intervalSeconds(interval), quote: quoteName(asset.quote) };
    for (const rule of rules) {
      const signal = signalOf(rule, event, series);
      if (signal && (await this.fire(rule, signal, payload.requestId))) outcome.fired.push(rule.id);
    }
    return { ...outcome, checked: rules.length };
  }

  /** Fires one rule for one signal, unless it fired for this key before, is in its cooldown or snoozed; true when it fired. */
  private async fire(rule: StoredAlertRule, signal: Signal, requestId?: string): Promise<boolean> {
    const dispatched = await this.db.transaction(async (manager): Promise<Dispatched | null> => {
      const current = await this.rules.lockForFiring(rule.id, manager);
      if (!current?.active || current.coolingDown || current.snoozed) return null;
      const firing = await this.rules.recordFiring(
        { ruleId: rule.id, key: signal.key, occurredAt: signal.occurredAt, value: signal.value },
        manager,
      );
      if (!firing) return null;
      return this.dispatcher.write(
        {
          userId: rule.userId,
          kind: rule.kind,
          title: signal.title,
          body: signal.body,
          data: {
            ruleId: rule.id,
            asset: rule.asset,
            interval: rule.interval,
            kind: rule.kind,
            threshold: rule.threshold,
            level: rule.level,
            window: rule.windowMinutes === null ? null : formatSpan(rule.windowMinutes),
            value: signal.value,
            candleTime: signal.candleTime === null ? null : new Date(signal.candleTime * 1000).toISOString(),
            price: signal.price,
          },
          channels: rule.channels,
          event: 'alert.fired',
          firingId: firing.id,
          occurredAt: signal.occurredAt,
        },
        manager,
      );
    });
    if (!dispatched) return false;
    this.metrics.alertsFired.inc({ kind: rule.kind });
    this.logger.log(`${rule.kind} rule ${rule.id} fired (${signal.key}): ${signal.title}`);
    // Queued after the commit; a delivery written but not queued (the process died here) is the sweep's.
    await this.dispatcher.enqueue(dispatched, requestId);
    return true;
  }

  /** What the rules of this event compare with; null when the event's candle or forecast is not stored. */
  private async load(asset: AssetEntity, payload: EvaluatePayload, rules: StoredAlertRule[]): Promise<AlertEventContext | null> {
    const { interval } = payload;
    const at = new Date();
    switch (payload.trigger) {
      case 'candle': {
        if (payload.candleTime === undefined) return null;
        const [candle, previous] = await this.candles.closesUpTo(asset.id, interval, payload.candleTime, 2);
        if (candle?.time !== payload.candleTime) return null;
        const closeBefore = new Map<number, number | null>();
        for (const minutes of new Set(rules.flatMap((r) => (r.kind === 'move_pct' && r.windowMinutes ? [r.windowMinutes] : [])))) {
          const [before] = await this.candles.closesUpTo(asset.id, interval, candle.time - minutes * 60, 1);
          closeBefore.set(minutes, before ? Number(before.close) : null);
        }
        const point = rules.some((r) => r.kind === 'outside_interval')
          ? await this.forecasts.pointFor(asset.id, interval, new Date(candle.time * 1000))
          : null;
        const forecast = point
          ? (Object.fromEntries(
              point.intervals.map(({ level, lower, upper }) => [level, { lower: Number(lower), upper: Number(upper) }]),
            ) as Record<IntervalLevel, { lower: number; upper: number }>)
          : null;
        return {
          trigger: 'candle',
          time: candle.time,
          close: Number(candle.close),
          previousClose: previous ? Number(previous.close) : null,
          closeBefore,
          forecast: forecast && INTERVAL_LEVELS.every((level) => forecast[level]) ? forecast : null,
        };
      }
      case 'forecast': {
        if (payload.predictionId === undefined) return null;
        const set = await this.forecasts.latestSet(asset.id, interval, payload.predictionId);
        if (!set?.basedOn || set.points.length === 0) return null;
        return {
          trigger: 'forecast',
          key: payload.predictionId,
          madeAt: set.madeAt,
          baseTime: set.basedOn.time.getTime() / 1000,
          baseClose: Number(set.basedOn.close),
          lastMedian: Number(set.points.at(-1)!.predictedClose),
          firstSigma: set.points[0].sigma,
        };
      }
      case 'score':
        if (payload.jobId === undefined) return null;
        return {
          trigger: 'score',
          jobId: payload.jobId,
          coverage: await this.forecasts.recentCoverage(asset.id, interval, ALERT_LIMITS.coverageWindow),
          at,
        };
      case 'training_failed':
        if (payload.jobId === undefined) return null;
        return { trigger: 'training_failed', jobId: payload.jobId, reason: payload.reason ?? 'no reason given', at };
      case 'stale_check':
        return { trigger: 'stale_check', newest: (await this.candles.lastTime(asset.id, interval)) ?? null, at };
    }
  }
}
