import { describe, expect, it } from '@jest/globals';
import type { StoredAlertRule } from '#libs/database';
import { checkAlertRule, coverageBand, formatSpan, kindsCheckedOn, type AlertKind } from '#libs/domain';
import { quoteName, signalOf, type CandleEvent, type ForecastEvent, type SeriesInfo } from './alert-signals.js';

const DAY = 86_400;
const T = 1_709_251_200; // 2024-03-01
const series: SeriesInfo = { asset: 'BTC', interval: '1d', intervalSeconds: DAY, quote: 'USD' };

const rule = (kind: AlertKind, fields: Partial<StoredAlertRule> = {}): StoredAlertRule => ({
  id: 'rule-1',
  userId: 'user-1',
  asset: 'BTC',
  interval: '1d',
  kind,
  threshold: null,
  windowMinutes: null,
  level: null,
  cooldownMinutes: 1440,
  channels: ['inbox'],
  active: true,
  createdAt: new Date(),
  updatedAt: new Date(),
  lastFiredAt: null,
  snoozedUntil: null,
  ...fields,
});

const candle = (close: number, previousClose: number | null, more: Partial<CandleEvent> = {}): CandleEvent => ({
  trigger: 'candle',
  time: T,
  close,
  previousClose,
  closeBefore: new Map(),
  forecast: null,
  ...more,
});

describe('price_above and price_below', () => {
  const above = rule('price_above', { threshold: 70_000 });
  const below = rule('price_below', { threshold: 70_000 });

  it('fire on the candle whose close crosses the level, keyed by that candle, at its close', () => {
    expect(signalOf(above, candle(70_500, 69_000), series)).toEqual({
      key: `candle:${T}`,
      value: 70_500,
      occurredAt: new Date((T + DAY) * 1000),
      candleTime: T,
      price: 70_500,
      title: 'BTC closed above 70,000 USD',
      body: "BTC's 1d candle of 2024-03-01 00:00 UTC closed at 70,500 USD, above 70,000 USD; the one before closed at 69,000 USD.",
    });
    expect(signalOf(below, candle(69_999.5, 70_000), series)?.title).toBe('BTC closed below 70,000 USD');
  });

  it('count a previous close at the level as on its side, and a close at the level as not across', () => {
    expect(signalOf(above, candle(70_001, 70_000), series)).not.toBeNull();
    expect(signalOf(above, candle(70_000, 69_000), series)).toBeNull();
    expect(signalOf(below, candle(70_000, 71_000), series)).toBeNull();
  });

  it('do not fire while the price stays on one side, nor on the first candle of a series', () => {
    expect(signalOf(above, candle(72_000, 71_000), series)).toBeNull();
    expect(signalOf(above, candle(60_000, 61_000), series)).toBeNull();
    expect(signalOf(below, candle(60_000, 61_000), series)).toBeNull();
    expect(signalOf(above, candle(72_000, null), series)).toBeNull();
  });
});

describe('move_pct', () => {
  const move = rule('move_pct', { threshold: 5, windowMinutes: 2 * 1440 });

  it('fires when the close is at least threshold % from the close window earlier, either way', () => {
    const up = signalOf(move, candle(105, 101, { closeBefore: new Map([[2880, 100]]) }), series);
    expect(up).toMatchObject({ value: expect.closeTo(5, 9), title: 'BTC rose 5% in 2d' });
    const down = signalOf(move, candle(94, 101, { closeBefore: new Map([[2880, 100]]) }), series);
    expect(down).toMatchObject({ value: expect.closeTo(-6, 9), title: 'BTC fell 6% in 2d' });
  });

  it('does not fire below the threshold, or without a close that far back', () => {
    expect(signalOf(move, candle(104.9, 101, { closeBefore: new Map([[2880, 100]]) }), series)).toBeNull();
    expect(signalOf(move, candle(200, 101, { closeBefore: new Map([[2880, null]]) }), series)).toBeNull();
  });
});

describe('outside_interval', () => {
  const outside = rule('outside_interval', { level: 90 });
  const forecast = { 80: { lower: 98, upper: 102 }, 90: { lower: 97, upper: 103 }, 95: { lower: 96, upper: 104 } };

  it('fires on a close outside the chosen interval the forecast gave the candle, not inside it (its ends included)', () => {
    expect(signalOf(outside, candle(103.5, 100, { forecast }), series)?.title).toBe('BTC closed above its 90% forecast interval');
    expect(signalOf(outside, candle(96.5, 100, { forecast }), series)?.title).toBe('BTC closed below its 90% forecast interval');
    expect(signalOf(outside, candle(103, 100, { forecast }), series)).toBeNull();
    expect(signalOf(rule('outside_interval', { level: 95 }), candle(103.5, 100, { forecast }), series)).toBeNull();
  });

  it('does not fire on a candle no forecast gave an interval', () => {
    expect(signalOf(outside, candle(1_000, 100), series)).toBeNull();
  });
});

describe('the forecast kinds', () => {
  const event: ForecastEvent = {
    trigger: 'forecast',
    key: 'model@2024-03-01T00:00:00.000Z',
    madeAt: new Date('2024-03-01T00:05:00Z'),
    baseTime: T - DAY,
    baseClose: 100,
    lastMedian: 103,
    firstSigma: 0.025,
  };

  it('forecast_move_pct fires when the median at the last step is threshold % from the last close, keyed by the forecast', () => {
    expect(signalOf(rule('forecast_move_pct', { threshold: 3 }), event, series)).toMatchObject({
      key: 'forecast:model@2024-03-01T00:00:00.000Z',
      value: expect.closeTo(3, 9),
      occurredAt: event.madeAt,
    });
    expect(signalOf(rule('forecast_move_pct', { threshold: 3.1 }), event, series)).toBeNull();
  });

  it('volatility_above fires when the one-step σ in % is above the threshold', () => {
    expect(signalOf(rule('volatility_above', { threshold: 2 }), event, series)?.value).toBeCloseTo(2.5, 9);
    expect(signalOf(rule('volatility_above', { threshold: 2.5 }), event, series)).toBeNull();
    expect(signalOf(rule('volatility_above', { threshold: 1 }), { ...event, firstSigma: null }, series)).toBeNull();
  });
});

describe('the admin kinds', () => {
  const at = new Date((T + 3 * DAY) * 1000);

  it('coverage_out_of_band fires when the coverage leaves its binomial band, and judges no fewer than 30 forecasts', () => {
    const coverage = (coverage90: number, window = 90) => ({ coverage80: 0.8, coverage90, coverage95: 0.95, window });
    const band = coverageBand(90, 90);
    expect(band.lower).toBeCloseTo(0.838, 3);
    expect(band.upper).toBeCloseTo(0.962, 3);
    const of = (c: ReturnType<typeof coverage>) =>
      signalOf(rule('coverage_out_of_band', { level: 90 }), { trigger: 'score', jobId: 'j1', coverage: c, at }, series);
    expect(of(coverage(0.8))).toMatchObject({ key: 'score:j1', value: 80 });
    expect(of(coverage(0.97))).not.toBeNull();
    expect(of(coverage(0.9))).toBeNull();
    expect(of(coverage(0.5, 29))).toBeNull();
  });

  it('training_failed fires once per failed job, saying why', () => {
    const signal = signalOf(rule('training_failed'), { trigger: 'training_failed', jobId: 'job-7', reason: 'out of memory', at }, series);
    expect(signal).toMatchObject({ key: 'training:job-7', title: 'Training of BTC 1d failed' });
    expect(signal?.body).toContain('out of memory');
  });

  it('candles_stale fires once per newest candle older than two intervals', () => {
    const stale = rule('candles_stale');
    expect(signalOf(stale, { trigger: 'stale_check', newest: T, at }, series)).toMatchObject({ key: `stale:${T}`, value: 3 * 1440 });
    expect(signalOf(stale, { trigger: 'stale_check', newest: T + DAY, at }, series)).toBeNull();
    expect(signalOf(stale, { trigger: 'stale_check', newest: null, at }, series)).toBeNull();
  });
});

describe('the rules as libs/domain checks them', () => {
  it('gives each event its kinds', () => {
    expect(kindsCheckedOn('candle')).toEqual(['price_above', 'price_below', 'move_pct', 'outside_interval']);
    expect(kindsCheckedOn('forecast')).toEqual(['forecast_move_pct', 'volatility_above']);
    expect(kindsCheckedOn('stale_check')).toEqual(['candles_stale']);
  });

  it('writes spans in their largest exact unit and defaults the cooldown to one candle', () => {
    expect([90, 1440, 20_160, 720].map(formatSpan)).toEqual(['90m', '1d', '2w', '12h']);
    expect(checkAlertRule({ interval: '1h', kind: 'price_above', threshold: 5 })).toEqual({
      ok: true,
      rule: { threshold: 5, windowMinutes: null, level: null, cooldownMinutes: 60, snoozedUntil: null },
    });
  });

  it('takes a snooze until a time with its zone in the future, at most 52w ahead, and says what is wrong with any other', () => {
    const now = new Date('2026-12-03T09:00:00Z');
    const snooze = (snoozedUntil: string | null) => checkAlertRule({ interval: '1d', kind: 'candles_stale', snoozedUntil }, now);
    expect(snooze('2026-12-04T10:30:00+01:00')).toMatchObject({ ok: true, rule: { snoozedUntil: new Date('2026-12-04T09:30:00Z') } });
    expect(snooze('2027-12-02T09:00:00Z')).toMatchObject({ ok: true, rule: { snoozedUntil: new Date('2027-12-02T09:00:00Z') } });
    expect(snooze(null)).toMatchObject({ ok: true, rule: { snoozedUntil: null } });
    const problem = (text: string) => {
      const checked = snooze(text);
      return checked.ok ? null : checked.problems.map((p) => `${p.field}: ${p.message}`);
    };
    const format =
      'snoozedUntil: snoozedUntil must be an ISO 8601 date-time with its zone, such as 2030-01-31T09:00:00Z, or null to unsnooze';
    const past = 'snoozedUntil: snoozedUntil must be a time in the future, or null to unsnooze';
    expect(['tomorrow', '2026-12-04', '1796374800', '2026-12-04T09:00'].map(problem)).toEqual([[format], [format], [format], [format]]);
    expect(problem('2026-02-30T09:00:00Z')).toEqual([expect.stringMatching(/^snoozedUntil: snoozedUntil must be a real date and time/)]);
    expect(['2026-12-03T09:00:00Z', '2026-12-02T09:00:00Z', '1969-12-31T23:59:59Z'].map(problem)).toEqual([[past], [past], [past]]);
    expect(problem('2027-12-02T09:00:00.001Z')).toEqual(['snoozedUntil: snoozedUntil must be at most 52w from now']);
  });

  it('names Kraken quote currencies as people do', () => {
    expect(['ZUSD', 'ZEUR', 'XXBT', 'USDT'].map(quoteName)).toEqual(['USD', 'EUR', 'BTC', 'USDT']);
  });
});
