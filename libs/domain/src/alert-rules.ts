/**
 * Alert rules (step 10, DESIGN.md "Watchlists, alerts and notifications"): the kinds, which
 * fields each takes, and the checks of a rule, shared by POST/PUT /alerts, the worker that
 * evaluates them and the web app's editor (which imports this file as it is: it imports nothing
 * but market-views.ts, interval.ts and time.ts, which import nothing).
 */
import { INTERVALS, type IntervalCode } from './interval.js';
import { parseSpan, SPAN_UNIT_MINUTES } from './market-views.js';
import { describeTimeError, parseTime, type TimeParse } from './time.js';

/** The kinds any user may set, on a series' candles and forecasts. */
export const USER_ALERT_KINDS = [
  'price_above',
  'price_below',
  'move_pct',
  'forecast_move_pct',
  'outside_interval',
  'volatility_above',
] as const;
/** The kinds only an admin may set, on models and data. */
export const ADMIN_ALERT_KINDS = ['coverage_out_of_band', 'training_failed', 'candles_stale'] as const;
export const ALERT_KINDS = [...USER_ALERT_KINDS, ...ADMIN_ALERT_KINDS] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_CHANNELS = ['inbox', 'webhook'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** The forecast intervals a rule's `level` names, in percent (the forecast's INTERVAL_LEVELS). */
export const ALERT_LEVELS = [80, 90, 95] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** What each event of a series makes worth checking (the `trigger` of an evaluate job). */
export type AlertEvent = 'candle' | 'forecast' | 'score' | 'training_failed' | 'stale_check';

export interface AlertKindSpec {
  admin: boolean;
  /** What `threshold` is: a price in the pair's quote currency, a percentage, or not taken. */
  threshold: 'price' | 'percent' | null;
  window: boolean;
  level: boolean;
  /** The event that checks it. */
  on: AlertEvent;
  /** One sentence, for Swagger and the editor. */
  description: string;
}

export const ALERT_KIND_SPECS: Readonly<Record<AlertKind, AlertKindSpec>> = {
  price_above: {
    admin: false,
    threshold: 'price',
    window: false,
    level: false,
    on: 'candle',
    description: 'A closed candle closes above threshold (a price) after the one before closed at or below it',
  },
  price_below: {
    admin: false,
    threshold: 'price',
    window: false,
    level: false,
    on: 'candle',
    description: 'A closed candle closes below threshold (a price) after the one before closed at or above it',
  },
  move_pct: {
    admin: false,
    threshold: 'percent',
    window: true,
    level: false,
    on: 'candle',
    description: "A closed candle's close is at least threshold % away from the close window earlier",
  },
  forecast_move_pct: {
    admin: false,
    threshold: 'percent',
    window: false,
    level: false,
    on: 'forecast',
    description: "A new forecast's median at its last step is at least threshold % away from the last close",
  },
  outside_interval: {
    admin: false,
    threshold: null,
    window: false,
    level: true,
    on: 'candle',
    description: "A closed candle's close falls outside the level % interval the newest forecast gave for it",
  },
  volatility_above: {
    admin: false,
    threshold: 'percent',
    window: false,
    level: false,
    on: 'forecast',
    description: "A new forecast's one-step σ (of the log return, in %) is above threshold",
  },
  coverage_out_of_band: {
    admin: true,
    threshold: null,
    window: false,
    level: true,
    on: 'score',
    description:
      'After a scoring, the realized coverage of the level % interval over the newest 90 forecasts is outside its binomial 95% band',
  },
  training_failed: {
    admin: true,
    threshold: null,
    window: false,
    level: false,
    on: 'training_failed',
    description: 'A training job of the series fails for good (after its retries)',
  },
  candles_stale: {
    admin: true,
    threshold: null,
    window: false,
    level: false,
    on: 'stale_check',
    description: "The series' newest candle opened more than two intervals ago (a scheduled check)",
  },
};

export const ALERT_LIMITS = {
  /** `threshold` as a price. */
  price: { min: 0, max: 1e12 },
  /** `threshold` as a percentage. */
  percent: { min: 0, max: 1000 },
  /** `window`: at least one candle of the rule's interval, at most 52 weeks. */
  window: { maxMinutes: 52 * 7 * 1440 },
  /** `cooldown`: a span, at most 52 weeks; one candle of the rule's interval when left out. */
  cooldown: { maxMinutes: 52 * 7 * 1440 },
  /** `snoozedUntil`: a time in the future, at most 52 weeks ahead. */
  snooze: { maxMinutes: 52 * 7 * 1440 },
  /** coverage_out_of_band: the realized forecasts the coverage is over, and the fewest it judges. */
  coverageWindow: 90,
  coverageMinimum: 30,
} as const;

export function isAdminAlertKind(kind: AlertKind): boolean {
  return ALERT_KIND_SPECS[kind].admin;
}

/** The kinds an event of a series checks. */
export function kindsCheckedOn(event: AlertEvent): AlertKind[] {
  return ALERT_KINDS.filter((kind) => ALERT_KIND_SPECS[kind].on === event);
}

/** A span's minutes as the largest unit that divides them exactly: 1440 → `1d`, 90 → `90m`, 20160 → `2w`. */
export function formatSpan(minutes: number): string {
  for (const unit of ['w', 'd', 'h'] as const) {
    if (minutes % SPAN_UNIT_MINUTES[unit] === 0) return `${minutes / SPAN_UNIT_MINUTES[unit]}${unit}`;
  }
  return `${minutes}m`;
}

/** A rule as a client sends it, once each field has its type. */
export interface AlertRuleFields {
  interval: IntervalCode;
  kind: AlertKind;
  threshold?: number | null;
  window?: string | null;
  level?: number | null;
  cooldown?: string | null;
  /** ISO 8601 date-time with its zone; null or left out: not snoozed. */
  snoozedUntil?: string | null;
}

/** What the checks make of the fields: spans in minutes, the cooldown's default filled in. */
export interface CheckedAlertRule {
  threshold: number | null;
  windowMinutes: number | null;
  level: AlertLevel | null;
  cooldownMinutes: number;
  snoozedUntil: Date | null;
}

/** A field checkAlertRule judges. */
export type AlertRuleField = 'threshold' | 'window' | 'level' | 'cooldown' | 'snoozedUntil';

/** What is wrong with one field, in words that start with its name (the API's 400 and the editor say them alike). */
export interface AlertRuleProblem {
  field: AlertRuleField;
  message: string;
}

/** A date-time: a date alone or unix seconds, which parseTime also takes, are not a moment to snooze until. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * The rule's fields as stored, or what is wrong with them, each problem naming its field: the
 * gateway's check of POST and PUT /alerts, and the dashboard's alert editor's, in place, before
 * it sends the rule. `now` is what "in the future" means for `snoozedUntil`.
 */
export function checkAlertRule(
  rule: AlertRuleFields,
  now: Date = new Date(),
): { ok: true; rule: CheckedAlertRule } | { ok: false; problems: AlertRuleProblem[] } {
  const spec = ALERT_KIND_SPECS[rule.kind];
  const problems: AlertRuleProblem[] = [];
  const problem = (field: AlertRuleField, message: string) => problems.push({ field, message });
  const given = (value: unknown) => value !== undefined && value !== null;
  const intervalMinutes = INTERVALS[rule.interval];

  if (spec.threshold === null) {
    if (given(rule.threshold)) problem('threshold', `threshold does not apply to ${rule.kind}: leave it out`);
  } else if (!given(rule.threshold)) {
    problem(
      'threshold',
      `threshold is required for ${rule.kind}: ${spec.threshold === 'price' ? "a price in the pair's quote currency" : 'a percentage'}`,
    );
  } else {
    const { max } = ALERT_LIMITS[spec.threshold];
    const threshold = rule.threshold!;
    if (!(threshold > 0 && threshold <= max))
      problem(
        'threshold',
        spec.threshold === 'price'
          ? `threshold must be a price above 0 and at most ${max} for ${rule.kind}`
          : `threshold must be a percentage above 0 and at most ${max} for ${rule.kind}`,
      );
  }

  let windowMinutes: number | null = null;
  if (!spec.window) {
    if (given(rule.window)) problem('window', `window does not apply to ${rule.kind}: leave it out`);
  } else if (!given(rule.window)) {
    problem('window', `window is required for ${rule.kind}: a span such as 24h or 7d`);
  } else {
    windowMinutes = parseSpan(rule.window!);
    if (windowMinutes === null || windowMinutes < intervalMinutes || windowMinutes > ALERT_LIMITS.window.maxMinutes) {
      problem('window', `window must be a span such as 24h or 7d, from one ${rule.interval} candle to 52w`);
      windowMinutes = null;
    }
  }

  if (!spec.level) {
    if (given(rule.level)) problem('level', `level does not apply to ${rule.kind}: leave it out`);
  } else if (!given(rule.level)) {
    problem('level', `level is required for ${rule.kind}: one of ${ALERT_LEVELS.join(', ')}`);
  } else if (!(ALERT_LEVELS as readonly number[]).includes(rule.level!)) {
    problem('level', `level must be one of ${ALERT_LEVELS.join(', ')}`);
  }

  let cooldownMinutes: number | null = intervalMinutes;
  if (given(rule.cooldown)) {
    cooldownMinutes = parseSpan(rule.cooldown!);
    if (cooldownMinutes === null || cooldownMinutes > ALERT_LIMITS.cooldown.maxMinutes) {
      problem('cooldown', 'cooldown must be a span such as 90m, 12h, 7d or 2w, at most 52w');
    }
  }

  let snoozedUntil: Date | null = null;
  if (given(rule.snoozedUntil)) {
    const parsed: TimeParse = DATE_TIME.test(rule.snoozedUntil!) ? parseTime(rule.snoozedUntil!) : { ok: false, error: 'format' };
    if (!parsed.ok && parsed.error !== 'range') {
      problem(
        'snoozedUntil',
        parsed.error === 'impossible'
          ? describeTimeError('snoozedUntil', 'impossible')
          : 'snoozedUntil must be an ISO 8601 date-time with its zone, such as 2030-01-31T09:00:00Z, or null to unsnooze',
      );
    } else if (!parsed.ok || parsed.date.getTime() <= now.getTime()) {
      // parseTime's 'range' here is before 1970: in the past as much as yesterday is.
      problem('snoozedUntil', 'snoozedUntil must be a time in the future, or null to unsnooze');
    } else if (parsed.date.getTime() > now.getTime() + ALERT_LIMITS.snooze.maxMinutes * 60_000) {
      problem('snoozedUntil', 'snoozedUntil must be at most 52w from now');
    } else {
      snoozedUntil = parsed.date;
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    rule: {
      threshold: given(rule.threshold) ? rule.threshold! : null,
      windowMinutes,
      level: given(rule.level) ? (rule.level as AlertLevel) : null,
      cooldownMinutes: cooldownMinutes!,
      snoozedUntil,
    },
  };
}

/**
 * The band a calibrated `level` % interval's realized coverage stays inside 95% of the time over
 * `n` forecasts: the binomial normal approximation around the nominal level, as the backtest page
 * draws it (for 90% over 90 forecasts, about 84–96%).
 */
export function coverageBand(level: AlertLevel, n: number): { lower: number; upper: number } {
  const p = level / 100;
  const half = 1.96 * Math.sqrt((p * (1 - p)) / n);
  return { lower: Math.max(0, p - half), upper: Math.min(1, p + half) };
}
