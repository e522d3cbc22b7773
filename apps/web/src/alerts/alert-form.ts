/**
 * The alert editor's form as plain data: which fields each kind asks for, the draft as typed
 * (strings, as inputs hold them), and its check, field by field, into what POST/PUT /alerts take.
 * The server checks again, alike (its 400 names the field); this spares a round trip and says it in place.
 */
import { checkAlertRule, type AlertRuleFields } from '../../../../libs/domain/src/alert-rules.ts';
import type { IntervalCode } from '../../../../libs/domain/src/interval.ts';
import { ALERT_KIND_SPECS, type AlertChannel, type AlertKind, type AlertRuleInput, type AlertRuleView, type Level } from './alert-types.ts';

const LABELS: Record<AlertKind, string> = {
  price_above: 'Price closes above a level',
  price_below: 'Price closes below a level',
  move_pct: 'Price moves by at least x% within a window',
  forecast_move_pct: 'The newest forecast moves by at least x%',
  outside_interval: 'A close outside the forecast’s interval',
  volatility_above: 'Forecast volatility (σ per step) above x%',
  coverage_out_of_band: 'Admin: the served model’s coverage leaves its band',
  training_failed: 'Admin: a training of the series fails',
  candles_stale: 'Admin: the newest candle is older than two intervals',
};

/** Each kind's fields (libs/domain's, the server's own) and the editor's label for it. */
export const KINDS = Object.fromEntries(
  (Object.keys(ALERT_KIND_SPECS) as AlertKind[]).map((kind) => [kind, { ...ALERT_KIND_SPECS[kind], label: LABELS[kind] }]),
) as Record<AlertKind, (typeof ALERT_KIND_SPECS)[AlertKind] & { label: string }>;

/** The kinds a caller may pick: the admin kinds for admins only (the API refuses them to a user with 403 anyway). */
export function kindsFor(role: 'user' | 'admin' | null): AlertKind[] {
  return (Object.keys(KINDS) as AlertKind[]).filter((kind) => role === 'admin' || !KINDS[kind].admin);
}

export const isPriceKind = (kind: AlertKind) => KINDS[kind].threshold === 'price';

export interface AlertDraft {
  kind: AlertKind;
  threshold: string;
  window: string;
  level: string;
  /** Empty: the server's default, one interval. */
  cooldown: string;
  inbox: boolean;
  webhook: boolean;
  active: boolean;
  /** The rule's snooze, which the form does not edit but keeps (a PUT without it unsnoozes). */
  snoozedUntil: string | null;
}

export type DraftField = 'threshold' | 'window' | 'level' | 'cooldown' | 'snoozedUntil' | 'channels';
export type DraftErrors = Partial<Record<DraftField, string>>;

export function newDraft(kind: AlertKind = 'price_above', threshold = ''): AlertDraft {
  return { kind, threshold, window: '', level: '90', cooldown: '', inbox: true, webhook: false, active: true, snoozedUntil: null };
}

/** A rule back into the form, to edit it. */
export function draftOf(rule: AlertRuleView): AlertDraft {
  return {
    kind: rule.kind,
    threshold: rule.threshold === null ? '' : String(rule.threshold),
    window: rule.window ?? '',
    level: rule.level === null ? '90' : String(rule.level),
    cooldown: rule.cooldown,
    inbox: rule.channels.includes('inbox'),
    webhook: rule.channels.includes('webhook'),
    active: rule.active,
    snoozedUntil: rule.snoozedUntil,
  };
}

/** How long "Snooze 1 day" mutes a rule. */
export const SNOOZE_MS = 24 * 3_600_000;

/** The snooze still ahead of `now`, or null: one over by now is no snooze (and the API refuses a past one). */
export function snoozeOf(snoozedUntil: string | null | undefined, now: Date = new Date()): string | null {
  return snoozedUntil && Date.parse(snoozedUntil) > now.getTime() ? snoozedUntil : null;
}

/**
 * The draft checked as the server checks it (libs/domain's checkAlertRule, whose words its 400
 * says too): the errors by field, or the request body. Only reading the text as a number and the
 * channels are the form's own.
 */
export function checkDraft(
  draft: AlertDraft,
  series: { asset: string; interval: string },
  now: Date = new Date(),
): { errors: DraftErrors; input: AlertRuleInput | null } {
  const info = KINDS[draft.kind];
  const errors: DraftErrors = {};
  const fields: AlertRuleFields = { interval: series.interval as IntervalCode, kind: draft.kind };
  const text = (value: string) => value.trim() || undefined;

  if (info.threshold !== null) {
    const typed = text(draft.threshold.replace(/,/g, ''));
    if (typed !== undefined && !Number.isFinite(Number(typed))) errors.threshold = 'threshold must be a number';
    else fields.threshold = typed === undefined ? undefined : Number(typed);
  }
  if (info.window) fields.window = text(draft.window);
  if (info.level) fields.level = Number(draft.level);
  fields.cooldown = text(draft.cooldown);
  // Kept as the rule had it, unless it is over by now (the server would refuse it as past).
  fields.snoozedUntil = snoozeOf(draft.snoozedUntil, now) ?? undefined;
  const checked = checkAlertRule(fields, now);
  if (!checked.ok) for (const { field, message } of checked.problems) errors[field] ??= message;

  const channels: AlertChannel[] = [...(draft.inbox ? (['inbox'] as const) : []), ...(draft.webhook ? (['webhook'] as const) : [])];
  if (channels.length === 0) errors.channels = 'Pick at least one channel.';
  if (Object.keys(errors).length > 0) return { errors, input: null };

  const { interval, kind, ...given } = fields;
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { errors, input: { asset: series.asset, interval, kind, ...defined, channels, active: draft.active } };
}

/** One line about a rule, for its list: "Price closes above 70,000", "Moves ≥ 5% within 24h". */
export function describeRule(
  rule: Pick<AlertRuleView, 'kind' | 'threshold' | 'window' | 'level'>,
  formatPrice: (n: number) => string,
): string {
  switch (rule.kind) {
    case 'price_above':
      return `Closes above ${formatPrice(rule.threshold ?? 0)}`;
    case 'price_below':
      return `Closes below ${formatPrice(rule.threshold ?? 0)}`;
    case 'move_pct':
      return `Moves at least ${rule.threshold}% within ${rule.window}`;
    case 'forecast_move_pct':
      return `Forecast moves at least ${rule.threshold}%`;
    case 'outside_interval':
      return `Closes outside the forecast’s ${rule.level}% interval`;
    case 'volatility_above':
      return `Forecast volatility above ${rule.threshold}%`;
    case 'coverage_out_of_band':
      return `Coverage of the ${rule.level}% interval leaves its band`;
    case 'training_failed':
      return 'A training fails';
    case 'candles_stale':
      return 'Candles go stale';
  }
}

/** A rule as the body that replaces it (PUT takes the whole rule): to flip `active` or the snooze and nothing else. */
export function inputOf(rule: AlertRuleView, now: Date = new Date()): AlertRuleInput {
  const snoozedUntil = snoozeOf(rule.snoozedUntil, now);
  return {
    asset: rule.asset,
    interval: rule.interval,
    kind: rule.kind,
    ...(rule.threshold !== null ? { threshold: rule.threshold } : {}),
    ...(rule.window !== null ? { window: rule.window } : {}),
    ...(rule.level !== null && rule.level !== undefined ? { level: rule.level as Level } : {}),
    cooldown: rule.cooldown,
    channels: rule.channels,
    active: rule.active,
    ...(snoozedUntil ? { snoozedUntil } : {}),
  };
}

/** The rule muted for SNOOZE_MS from `now`, as the body that replaces it. */
export function snoozeInputOf(rule: AlertRuleView, now: Date = new Date()): AlertRuleInput {
  return { ...inputOf(rule, now), snoozedUntil: new Date(now.getTime() + SNOOZE_MS).toISOString() };
}

/** The rule with its snooze lifted, as the body that replaces it. */
export function unsnoozeInputOf(rule: AlertRuleView): AlertRuleInput {
  return { ...inputOf(rule), snoozedUntil: null };
}
