/**
 * The alert editor's form as plain data: which fields each kind asks for, the draft as typed
 * (strings, as inputs hold them), and its check, field by field, into what POST/PUT /alerts take.
 * The server checks again (its 400 names the field); this spares a round trip and says it in place.
 */
import { parseSpan } from '../../../../libs/domain/src/market-views.ts';
import {
  ALERT_KIND_SPECS,
  ALERT_LIMITS,
  LEVELS,
  type AlertChannel,
  type AlertKind,
  type AlertRuleInput,
  type AlertRuleView,
  type Level,
} from './alert-types.ts';

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
}

export type DraftField = 'threshold' | 'window' | 'level' | 'cooldown' | 'channels';
export type DraftErrors = Partial<Record<DraftField, string>>;

export function newDraft(kind: AlertKind = 'price_above', threshold = ''): AlertDraft {
  return { kind, threshold, window: '', level: '90', cooldown: '', inbox: true, webhook: false, active: true };
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
  };
}

const SPAN_HINT = 'a span such as 90m, 12h, 7d or 2w';

/** The draft checked: the errors by field, or the request body. */
export function checkDraft(
  draft: AlertDraft,
  series: { asset: string; interval: string; intervalMinutes: number },
): { errors: DraftErrors; input: AlertRuleInput | null } {
  const info = KINDS[draft.kind];
  const errors: DraftErrors = {};
  const input: AlertRuleInput = {
    asset: series.asset,
    interval: series.interval as AlertRuleInput['interval'],
    kind: draft.kind,
    channels: [],
    active: draft.active,
  };

  if (info.threshold !== null) {
    const text = draft.threshold.trim().replace(/,/g, '');
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors.threshold = info.threshold === 'price' ? 'Give a price level.' : 'Give a percent.';
    else if (value <= 0) errors.threshold = info.threshold === 'price' ? 'The level must be above 0.' : 'The percent must be above 0.';
    else if (value > ALERT_LIMITS[info.threshold].max)
      errors.threshold = `The ${info.threshold === 'price' ? 'level' : 'percent'} must be at most ${ALERT_LIMITS[info.threshold].max}.`;
    else input.threshold = value;
  }
  if (info.window) {
    const minutes = parseSpan(draft.window.trim());
    if (minutes === null) errors.window = `The window must be ${SPAN_HINT}.`;
    else if (minutes < series.intervalMinutes) errors.window = `The window must be at least one interval (${series.interval}).`;
    else if (minutes > ALERT_LIMITS.window.maxMinutes) errors.window = 'The window must be at most 52w.';
    else input.window = draft.window.trim();
  }
  if (info.level) {
    const level = Number(draft.level);
    if (!LEVELS.includes(level as Level)) errors.level = `The interval must be one of ${LEVELS.join(', ')}%.`;
    else input.level = level as Level;
  }
  if (draft.cooldown.trim() !== '') {
    const minutes = parseSpan(draft.cooldown.trim());
    if (minutes === null || minutes > ALERT_LIMITS.cooldown.maxMinutes)
      errors.cooldown = `The cooldown must be ${SPAN_HINT} (at most 52w), or empty for one interval.`;
    else input.cooldown = draft.cooldown.trim();
  }
  const channels: AlertChannel[] = [...(draft.inbox ? (['inbox'] as const) : []), ...(draft.webhook ? (['webhook'] as const) : [])];
  if (channels.length === 0) errors.channels = 'Pick at least one channel.';
  input.channels = channels;

  return Object.keys(errors).length > 0 ? { errors, input: null } : { errors, input };
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

/** A rule as the body that replaces it (PUT takes the whole rule): to flip `active` and nothing else. */
export function inputOf(rule: AlertRuleView): AlertRuleInput {
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
  };
}
