import { describe, expect, it } from 'vitest';
import { checkDraft, describeRule, draftOf, inputOf, kindsFor, newDraft, snoozeInputOf, unsnoozeInputOf } from './alert-form.ts';
import type { AlertRuleView } from './alert-types.ts';

const BTC_1D = { asset: 'BTC', interval: '1d' };

describe('the alert form', () => {
  it('offers the user kinds to a user and the admin kinds besides to an admin', () => {
    expect(kindsFor('user')).toEqual([
      'price_above',
      'price_below',
      'move_pct',
      'forecast_move_pct',
      'outside_interval',
      'volatility_above',
    ]);
    expect(kindsFor('admin')).toEqual([...kindsFor('user'), 'coverage_out_of_band', 'training_failed', 'candles_stale']);
  });

  it('turns a price draft into the body POST /alerts takes (the cooldown left to the server when empty)', () => {
    expect(checkDraft(newDraft('price_above', '70,000'), BTC_1D)).toEqual({
      errors: {},
      input: { asset: 'BTC', interval: '1d', kind: 'price_above', threshold: 70_000, channels: ['inbox'], active: true },
    });
  });

  it('names each wrong field in place, in the words of the API’s 400', () => {
    const draft = { ...newDraft('move_pct', '-3'), window: '3h', cooldown: 'soon', inbox: false };
    expect(checkDraft(draft, BTC_1D)).toEqual({
      errors: {
        threshold: 'threshold must be a percentage above 0 and at most 1000 for move_pct',
        window: 'window must be a span such as 24h or 7d, from one 1d candle to 52w',
        cooldown: 'cooldown must be a span such as 90m, 12h, 7d or 2w, at most 52w',
        channels: 'Pick at least one channel.',
      },
      input: null,
    });
    expect(checkDraft(newDraft('price_below', ''), BTC_1D).errors).toEqual({
      threshold: "threshold is required for price_below: a price in the pair's quote currency",
    });
    expect(checkDraft(newDraft('price_below', '70k'), BTC_1D).errors).toEqual({ threshold: 'threshold must be a number' });
    expect(checkDraft(newDraft('volatility_above', '1001'), BTC_1D).errors).toEqual({
      threshold: 'threshold must be a percentage above 0 and at most 1000 for volatility_above',
    });
    expect(checkDraft({ ...newDraft('move_pct', '5'), window: '53w' }, BTC_1D).errors).toEqual({
      window: 'window must be a span such as 24h or 7d, from one 1d candle to 52w',
    });
    expect(checkDraft({ ...newDraft('move_pct', '5'), window: '' }, BTC_1D).errors).toEqual({
      window: 'window is required for move_pct: a span such as 24h or 7d',
    });
  });

  it('sends only the fields a kind takes: a level for an interval kind, no threshold', () => {
    const draft = { ...newDraft('outside_interval', '123'), level: '95', cooldown: '2d', webhook: true };
    expect(checkDraft(draft, BTC_1D).input).toEqual({
      asset: 'BTC',
      interval: '1d',
      kind: 'outside_interval',
      level: 95,
      cooldown: '2d',
      channels: ['inbox', 'webhook'],
      active: true,
    });
  });

  const rule: AlertRuleView = {
    id: '00000000-0000-4000-8000-000000000001',
    asset: 'BTC',
    interval: '1d',
    kind: 'move_pct',
    threshold: 5,
    window: '24h',
    level: null,
    cooldown: '1d',
    channels: ['webhook'],
    active: false,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    lastFiredAt: null,
    snoozedUntil: null,
  };

  it('reads a rule back into the form and into the body that replaces it unchanged', () => {
    expect(checkDraft(draftOf(rule), BTC_1D).input).toEqual(inputOf(rule));
    expect(inputOf(rule)).toEqual({
      asset: 'BTC',
      interval: '1d',
      kind: 'move_pct',
      threshold: 5,
      window: '24h',
      cooldown: '1d',
      channels: ['webhook'],
      active: false,
    });
  });

  it('snoozes a rule for a day from now and lifts it, the rest of the rule sent back as it was', () => {
    const now = new Date('2026-12-03T09:00:00.000Z');
    const unchanged = inputOf(rule, now);
    expect(snoozeInputOf(rule, now)).toEqual({ ...unchanged, snoozedUntil: '2026-12-04T09:00:00.000Z' });
    const snoozed = { ...rule, snoozedUntil: '2026-12-04T09:00:00.000Z' };
    expect(unsnoozeInputOf(snoozed)).toEqual({ ...unchanged, snoozedUntil: null });
  });

  it('keeps a snooze in effect when the rule is switched or edited, and drops one that is over (the API refuses a past one)', () => {
    const snoozed = { ...rule, snoozedUntil: '2026-12-04T09:00:00.000Z' };
    const before = new Date('2026-12-04T08:59:59.000Z');
    const after = new Date('2026-12-04T09:00:00.000Z');
    expect(inputOf(snoozed, before)).toMatchObject({ snoozedUntil: '2026-12-04T09:00:00.000Z' });
    expect(checkDraft(draftOf(snoozed), BTC_1D, before).input).toEqual(inputOf(snoozed, before));
    expect(inputOf(snoozed, after)).not.toHaveProperty('snoozedUntil');
    expect(checkDraft(draftOf(snoozed), BTC_1D, after).input).not.toHaveProperty('snoozedUntil');
  });

  it('describes a rule in one line', () => {
    const price = (n: number) => `${n.toLocaleString('en-US')} USD`;
    expect(describeRule({ ...rule, kind: 'price_above', threshold: 70_000 }, price)).toBe('Closes above 70,000 USD');
    expect(describeRule(rule, price)).toBe('Moves at least 5% within 24h');
    expect(describeRule({ ...rule, kind: 'outside_interval', threshold: null, level: 90 }, price)).toBe(
      'Closes outside the forecast’s 90% interval',
    );
  });
});
