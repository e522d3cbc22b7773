import { useState, type FormEvent } from 'react';
import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { useRole } from '../auth/useMe.ts';
import { useCryptoConfig } from '../crypto-config/useCryptoConfig.ts';
import {
  checkDraft,
  describeRule,
  draftOf,
  inputOf,
  isPriceKind,
  KINDS,
  kindsFor,
  newDraft,
  snoozeInputOf,
  snoozeOf,
  unsnoozeInputOf,
  type AlertDraft,
  type DraftErrors,
} from './alert-form.ts';
import type { AlertKind, AlertRuleInput, AlertRuleView } from './alert-types.ts';
import { LEVELS } from './alert-types.ts';
import { roundToTick } from './price-level.ts';
import { useAlertRules, useDeleteAlertRule, useSaveAlertRule } from './useAlerts.ts';
import './alerts.css';

/** The rule being edited: a new one (id null) or an existing one; its draft's level is the chart's line. */
export interface Editing {
  id: string | null;
  draft: AlertDraft;
}

export interface AlertEditorProps {
  symbol: string;
  interval: string;
  /** The newest close shown: a new price alert starts there. */
  lastClose: number | null;
  quote: string;
  timezone: TimeZoneChoice;
  editing: Editing | null;
  onEditing: (editing: Editing | null) => void;
}

/**
 * The asset's alert rules (this asset's, every interval) with edit, delete, an active switch and a
 * snooze of one day (and, while it lasts, until when, in the user's time zone), and the editor of
 * one: kind, threshold (for a price kind also the line on the chart, dragged or moved with the
 * keyboard), window, interval level, cooldown, channels. The per-user limit shows.
 */
export function AlertEditor({ symbol, interval, lastClose, quote, timezone, editing, onEditing }: AlertEditorProps) {
  const role = useRole();
  const rules = useAlertRules();
  const config = useCryptoConfig();
  const save = useSaveAlertRule();
  const remove = useDeleteAlertRule();
  const [errors, setErrors] = useState<DraftErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const mine = (rules.data?.rules ?? []).filter((rule) => rule.asset === symbol);
  const limit =
    (config.data?.limits as { alerts?: { rulesPerUser?: number } } | undefined)?.alerts?.rulesPerUser ?? rules.data?.limit ?? null;
  const used = rules.data?.rules.length ?? 0;

  const open = (next: Editing) => {
    setErrors({});
    setRefusal(null);
    onEditing(next);
  };
  const startNew = () => open({ id: null, draft: newDraft('price_above', lastClose === null ? '' : String(roundToTick(lastClose))) });
  const change = (patch: Partial<AlertDraft>) => editing && onEditing({ ...editing, draft: { ...editing.draft, ...patch } });
  const changeKind = (kind: AlertKind) => {
    if (!editing) return;
    const wasPrice = isPriceKind(editing.draft.kind);
    // A price level is no percent, and the other way round: the threshold starts again when its meaning changes.
    const threshold =
      wasPrice === isPriceKind(kind)
        ? editing.draft.threshold
        : isPriceKind(kind) && lastClose !== null
          ? String(roundToTick(lastClose))
          : '';
    change({ kind, threshold });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const checked = checkDraft(editing.draft, { asset: symbol, interval });
    setErrors(checked.errors);
    setRefusal(null);
    if (!checked.input) return;
    save.mutate(
      { id: editing.id, input: checked.input },
      {
        onSuccess: () => {
          toast.success(editing.id === null ? `Alert on ${symbol} set.` : `Alert on ${symbol} saved.`);
          onEditing(null);
        },
        onError: (error) => setRefusal(describeError(error)),
      },
    );
  };

  /** The whole rule PUT back with one thing changed. */
  const replace = (rule: AlertRuleView, input: AlertRuleInput) =>
    save.mutate({ id: rule.id, input }, { onError: (error) => toast.error(describeError(error)) });
  const toggle = (rule: AlertRuleView) => replace(rule, { ...inputOf(rule), active: !rule.active });
  const del = (rule: AlertRuleView) =>
    remove.mutate(rule.id, {
      onSuccess: () => {
        if (editing?.id === rule.id) onEditing(null);
      },
      onError: (error) => toast.error(describeError(error)),
    });

  const draft = editing?.draft;
  const info = draft ? KINDS[draft.kind] : null;
  const atLimit = limit !== null && used >= limit;
  const price = (n: number) => `${formatPrice(n)} ${quote}`;

  return (
    <section className="alert-editor" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts on {symbol}</h2>
      <p className="hint" data-testid="alert-limit">
        {limit === null ? '' : `${used} of your ${limit} alert rules in use.`}
      </p>
      {rules.isError && <p className="form-error">{describeError(rules.error)}</p>}
      {mine.length > 0 && (
        <ul className="alert-rules" aria-label={`Alert rules on ${symbol}`}>
          {mine.map((rule) => (
            <li key={rule.id}>
              <span className="rule-text">
                <strong>{describeRule(rule, price)}</strong> <span className="muted">({rule.interval}</span>
                <span className="muted">
                  , cooldown {rule.cooldown}, to {rule.channels.join(' and ')}
                  {rule.lastFiredAt ? `, last fired ${formatTime(rule.lastFiredAt, timezone)}` : ''})
                </span>
              </span>
              {snoozeOf(rule.snoozedUntil) && <span className="muted">Snoozed until {formatTime(rule.snoozedUntil, timezone)}</span>}
              <label className="checkbox">
                <input type="checkbox" checked={rule.active} onChange={() => toggle(rule)} disabled={save.isPending} />
                Active<span className="visually-hidden">: {describeRule(rule, price)}</span>
              </label>
              {snoozeOf(rule.snoozedUntil) ? (
                <button type="button" className="secondary" onClick={() => replace(rule, unsnoozeInputOf(rule))} disabled={save.isPending}>
                  Unsnooze<span className="visually-hidden">: {describeRule(rule, price)}</span>
                </button>
              ) : (
                <button type="button" className="secondary" onClick={() => replace(rule, snoozeInputOf(rule))} disabled={save.isPending}>
                  Snooze 1 day<span className="visually-hidden">: {describeRule(rule, price)}</span>
                </button>
              )}
              <button type="button" className="secondary" onClick={() => open({ id: rule.id, draft: draftOf(rule) })}>
                Edit<span className="visually-hidden">: {describeRule(rule, price)}</span>
              </button>
              <button type="button" className="secondary" onClick={() => del(rule)} disabled={remove.isPending}>
                Delete<span className="visually-hidden">: {describeRule(rule, price)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!editing && (
        <button type="button" onClick={startNew} disabled={atLimit}>
          New alert
        </button>
      )}
      {!editing && atLimit && <p className="hint">You have reached the limit; delete a rule to set another.</p>}

      {editing && draft && info && (
        <form className="alert-form" aria-label={editing.id === null ? 'New alert' : 'Edit alert'} onSubmit={submit} noValidate>
          <label>
            Kind
            <select value={draft.kind} onChange={(e) => changeKind(e.target.value as AlertKind)}>
              {kindsFor(role).map((kind) => (
                <option key={kind} value={kind}>
                  {KINDS[kind].label}
                </option>
              ))}
            </select>
          </label>
          {info.threshold !== null && (
            <label>
              {info.threshold === 'price' ? `Level (${quote})` : 'Threshold (%)'}
              <input
                type="text"
                inputMode="decimal"
                value={draft.threshold}
                onChange={(e) => change({ threshold: e.target.value })}
                aria-invalid={errors.threshold !== undefined}
                aria-describedby={errors.threshold ? 'alert-threshold-error' : info.threshold === 'price' ? 'alert-level-hint' : undefined}
              />
              {errors.threshold && (
                <span id="alert-threshold-error" className="field-error">
                  {errors.threshold}
                </span>
              )}
            </label>
          )}
          {info.threshold === 'price' && (
            <p id="alert-level-hint" className="hint">
              Or drag the line on the chart; focused, arrow keys move it a tick (Shift: ten).
            </p>
          )}
          {info.window && (
            <label>
              Window
              <input
                type="text"
                value={draft.window}
                placeholder="24h"
                onChange={(e) => change({ window: e.target.value })}
                aria-invalid={errors.window !== undefined}
                aria-describedby={errors.window ? 'alert-window-error' : undefined}
              />
              {errors.window && (
                <span id="alert-window-error" className="field-error">
                  {errors.window}
                </span>
              )}
            </label>
          )}
          {info.level && (
            <label>
              Interval
              <select value={draft.level} onChange={(e) => change({ level: e.target.value })}>
                {LEVELS.map((level) => (
                  <option key={level} value={String(level)}>
                    {level}%
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Cooldown
            <input
              type="text"
              value={draft.cooldown}
              placeholder={interval}
              onChange={(e) => change({ cooldown: e.target.value })}
              aria-invalid={errors.cooldown !== undefined}
              aria-describedby={errors.cooldown ? 'alert-cooldown-error' : 'alert-cooldown-hint'}
            />
            <span id="alert-cooldown-hint" className="hint">
              Empty: one interval ({interval}).
            </span>
            {errors.cooldown && (
              <span id="alert-cooldown-error" className="field-error">
                {errors.cooldown}
              </span>
            )}
          </label>
          <fieldset aria-describedby={errors.channels ? 'alert-channels-error' : undefined}>
            <legend>Send to</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.inbox} onChange={(e) => change({ inbox: e.target.checked })} />
              Inbox
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={draft.webhook} onChange={(e) => change({ webhook: e.target.checked })} />
              Webhooks
            </label>
            {errors.channels && (
              <span id="alert-channels-error" className="field-error">
                {errors.channels}
              </span>
            )}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={draft.active} onChange={(e) => change({ active: e.target.checked })} />
            Active
          </label>
          {snoozeOf(draft.snoozedUntil) && (
            <p className="hint">Snoozed until {formatTime(draft.snoozedUntil, timezone)}: saving keeps the snooze.</p>
          )}
          {errors.snoozedUntil && <p className="field-error">{errors.snoozedUntil}</p>}
          {refusal && (
            <p className="form-error" role="alert">
              {refusal}
            </p>
          )}
          <div className="form-buttons">
            <button type="submit" disabled={save.isPending}>
              {editing.id === null ? 'Set alert' : 'Save alert'}
            </button>
            <button type="button" className="secondary" onClick={() => onEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
