import type { StoredAlertRule } from '#libs/database';
import { ALERT_LIMITS, coverageBand, formatSpan, type AlertLevel, type IntervalLevel, type RealizedCoverage } from '#libs/domain';

/** The series an event is about, as the texts name it. */
export interface SeriesInfo {
  asset: string;
  interval: string;
  intervalSeconds: number;
  /** The pair's quote currency as people write it (USD, not ZUSD). */
  quote: string;
}

/** A new closed candle (trigger `candle`) and what its rules compare it with. */
export interface CandleEvent {
  trigger: 'candle';
  /** Open time, unix seconds. */
  time: number;
  close: number;
  previousClose: number | null;
  /** The close at or before `time − window`, per window (minutes) of the series' move_pct rules. */
  closeBefore: ReadonlyMap<number, number | null>;
  /** The intervals the newest forecast of this candle gave it, by level; null when none did. */
  forecast: Readonly<Record<IntervalLevel, { lower: number; upper: number }>> | null;
}

/** A new forecast (trigger `forecast`). */
export interface ForecastEvent {
  trigger: 'forecast';
  key: string;
  madeAt: Date;
  /** The candle it starts from: its open time and close. */
  baseTime: number;
  baseClose: number;
  /** Its median close at the last step, and σ (of the log return) of the first step. */
  lastMedian: number;
  firstSigma: number | null;
}

export interface ScoreEvent {
  trigger: 'score';
  jobId: string;
  coverage: RealizedCoverage;
  at: Date;
}

export interface TrainingFailedEvent {
  trigger: 'training_failed';
  jobId: string;
  reason: string;
  at: Date;
}

export interface StaleCheckEvent {
  trigger: 'stale_check';
  /** Open time of the newest candle, unix seconds; null when the series has none. */
  newest: number | null;
  at: Date;
}

export type AlertEventContext = CandleEvent | ForecastEvent | ScoreEvent | TrainingFailedEvent | StaleCheckEvent;

/** What a rule's check found: enough to write the firing and its notification. */
export interface Signal {
  /** The firing key: one firing per rule and key (alert_firings' unique). */
  key: string;
  /** The figure that made it fire (a close, a move in %, σ in %, a coverage in %, an age in minutes). */
  value: number | null;
  /** A candle's close (open + interval), or the event's time. */
  occurredAt: Date;
  /** Open time of the candle it is about, unix seconds. */
  candleTime: number | null;
  price: number | null;
  title: string;
  body: string;
}

const number = (value: number, digits = 8) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const percent = (value: number) => `${number(value, 2)}%`;
const day = (unix: number) =>
  new Date(unix * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/:00\.000Z$/, ' UTC');

/** Kraken's quote code as people write it: ZUSD → USD, XXBT → BTC. */
export function quoteName(code: string): string {
  const plain = code.length === 4 && (code[0] === 'X' || code[0] === 'Z') ? code.slice(1) : code;
  return plain === 'XBT' ? 'BTC' : plain;
}

/** Whether the rule fires on this event, and with what; null when it does not. Pure: the service loads the event. */
export function signalOf(rule: StoredAlertRule, event: AlertEventContext, series: SeriesInfo): Signal | null {
  const { asset, interval, quote } = series;
  const price = (value: number) => `${number(value)} ${quote}`;
  switch (event.trigger) {
    case 'candle': {
      const base = {
        key: `candle:${event.time}`,
        occurredAt: new Date((event.time + series.intervalSeconds) * 1000),
        candleTime: event.time,
        price: event.close,
      };
      const candle = `${asset}'s ${interval} candle of ${day(event.time)}`;
      if (rule.kind === 'price_above' || rule.kind === 'price_below') {
        const level = rule.threshold!;
        const previous = event.previousClose;
        if (previous === null) return null;
        const above = rule.kind === 'price_above';
        const crossed = above ? previous <= level && event.close > level : previous >= level && event.close < level;
        if (!crossed) return null;
        const side = above ? 'above' : 'below';
        return {
          ...base,
          value: event.close,
          title: `${asset} closed ${side} ${price(level)}`,
          body: `${candle} closed at ${price(event.close)}, ${side} ${price(level)}; the one before closed at ${price(previous)}.`,
        };
      }
      if (rule.kind === 'move_pct') {
        const before = event.closeBefore.get(rule.windowMinutes!) ?? null;
        if (before === null || before === 0) return null;
        const move = (event.close / before - 1) * 100;
        if (Math.abs(move) < rule.threshold!) return null;
        const window = formatSpan(rule.windowMinutes!);
        return {
          ...base,
          value: move,
          title: `${asset} ${move > 0 ? 'rose' : 'fell'} ${percent(Math.abs(move))} in ${window}`,
          body: `${candle} closed at ${price(event.close)}, ${percent(move)} from ${price(before)} ${window} earlier (the rule: at least ${percent(rule.threshold!)}).`,
        };
      }
      if (rule.kind === 'outside_interval') {
        const band = event.forecast?.[rule.level as IntervalLevel];
        if (!band || (event.close >= band.lower && event.close <= band.upper)) return null;
        const side = event.close > band.upper ? 'above' : 'below';
        return {
          ...base,
          value: event.close,
          title: `${asset} closed ${side} its ${rule.level}% forecast interval`,
          body: `${candle} closed at ${price(event.close)}, outside the ${rule.level}% interval of ${price(band.lower)} to ${price(band.upper)} the forecast gave it.`,
        };
      }
      return null;
    }
    case 'forecast': {
      const base = { key: `forecast:${event.key}`, occurredAt: event.madeAt, candleTime: event.baseTime, price: event.baseClose };
      if (rule.kind === 'forecast_move_pct') {
        const move = (event.lastMedian / event.baseClose - 1) * 100;
        if (Math.abs(move) < rule.threshold!) return null;
        return {
          ...base,
          value: move,
          title: `${asset}'s forecast moves ${percent(move)}`,
          body: `The new ${interval} forecast of ${asset} has a median of ${price(event.lastMedian)} at its last step, ${percent(move)} from the last close of ${price(event.baseClose)} (the rule: at least ${percent(rule.threshold!)}).`,
        };
      }
      if (rule.kind === 'volatility_above') {
        if (event.firstSigma === null) return null;
        const sigma = event.firstSigma * 100;
        if (!(sigma > rule.threshold!)) return null;
        return {
          ...base,
          value: sigma,
          title: `${asset}'s forecast volatility is ${percent(sigma)}`,
          body: `The new ${interval} forecast of ${asset} gives the next candle a σ of ${percent(sigma)}, above ${percent(rule.threshold!)}.`,
        };
      }
      return null;
    }
    case 'score': {
      if (rule.kind !== 'coverage_out_of_band') return null;
      const level = rule.level as AlertLevel;
      const coverage = event.coverage[`coverage${level}`];
      const n = event.coverage.window;
      if (coverage === null || n < ALERT_LIMITS.coverageMinimum) return null;
      const band = coverageBand(level, n);
      if (coverage >= band.lower && coverage <= band.upper) return null;
      return {
        key: `score:${event.jobId}`,
        value: coverage * 100,
        occurredAt: event.at,
        candleTime: null,
        price: null,
        title: `${asset} ${interval}: ${level}% intervals held ${percent(coverage * 100)}`,
        body: `The ${level}% intervals of ${asset} ${interval} held ${percent(coverage * 100)} of the last ${n} forecasts, outside the band of ${percent(band.lower * 100)} to ${percent(band.upper * 100)} a calibrated interval stays in.`,
      };
    }
    case 'training_failed':
      if (rule.kind !== 'training_failed') return null;
      return {
        key: `training:${event.jobId}`,
        value: null,
        occurredAt: event.at,
        candleTime: null,
        price: null,
        title: `Training of ${asset} ${interval} failed`,
        body: `Training job ${event.jobId} of ${asset} ${interval} failed for good: ${event.reason}`,
      };
    case 'stale_check': {
      if (rule.kind !== 'candles_stale' || event.newest === null) return null;
      const ageSeconds = event.at.getTime() / 1000 - event.newest;
      if (ageSeconds <= 2 * series.intervalSeconds) return null;
      const minutes = Math.floor(ageSeconds / 60);
      return {
        key: `stale:${event.newest}`,
        value: minutes,
        occurredAt: event.at,
        candleTime: event.newest,
        price: null,
        title: `${asset} ${interval} candles are stale`,
        body: `The newest ${interval} candle of ${asset} opened ${formatSpan(Math.max(minutes, 1))} ago (${day(event.newest)}), more than two intervals ago: the sync is not bringing new ones.`,
      };
    }
  }
}
