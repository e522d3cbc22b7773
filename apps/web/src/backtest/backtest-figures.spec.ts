import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  comparisonRows,
  familyBacktests,
  isSummary,
  coverageBand,
  inside,
  pitHistogram,
  rollingCoverage,
  type RecordInput,
  type SummaryInput,
} from './backtest-figures.ts';

const DAY = 86_400;
const T0 = Date.UTC(2024, 0, 1) / 1000;
const iso = (s: number) => new Date(s * 1000).toISOString();

/** A step-1 record at day i whose actual is inside its 90% interval when `hit`. */
const record = (i: number, hit: boolean, extra: Partial<RecordInput> = {}): RecordInput => ({
  originTime: iso(T0 + i * DAY),
  step: 1,
  actualClose: hit ? '100' : '120',
  lower80: '95',
  upper80: '105',
  lower90: '90',
  upper90: '110',
  lower95: '85',
  upper95: '125',
  pit: 0.5,
  ...extra,
});

describe('inside an interval', () => {
  it('counts the bounds as inside and needs an actual', () => {
    expect(inside(record(0, true, { actualClose: '110' }), 90)).toBe(true);
    expect(inside(record(0, false), 90)).toBe(false);
    expect(inside(record(0, false), 95)).toBe(true);
    expect(inside(record(0, true, { actualClose: null }), 90)).toBeNull();
    expect(inside(record(0, true, { lower80: null }), 80)).toBeNull();
  });
});

describe('rolling coverage', () => {
  it('is the share inside over the newest window, from the first full window, on step 1 only, oldest first', () => {
    // Given out of order, with a step-2 record and an unrealized one that must not count.
    const records = [
      record(3, true),
      record(0, false),
      record(1, true),
      record(2, true),
      { ...record(2, false), step: 2 },
      record(4, true, { actualClose: null }),
      record(5, false),
    ];
    expect(rollingCoverage(records, 90, 3)).toEqual([
      { time: T0 + 2 * DAY, value: 2 / 3 },
      { time: T0 + 3 * DAY, value: 1 },
      { time: T0 + 5 * DAY, value: 2 / 3 },
    ]);
  });

  it('is empty until a full window is realized', () => {
    expect(rollingCoverage([record(0, true), record(1, true)], 90, 3)).toEqual([]);
  });

  it('has the binomial band of a calibrated interval: 84–96% for 90% over 90 forecasts', () => {
    const band = coverageBand(90, 90);
    expect(band.low).toBeCloseTo(0.838, 3);
    expect(band.high).toBeCloseTo(0.962, 3);
  });
});

describe('the PIT histogram', () => {
  it('bins realized step-1 PIT values, the top edge in the last bin, and gives the flat count', () => {
    const pits = [0, 0.05, 0.1, 0.55, 0.99, 1];
    const records = [...pits.map((pit, i) => record(i, true, { pit })), record(9, true, { pit: null }), record(10, true, { pit: 1.5 })];
    const { bins, total, expected } = pitHistogram(records, 4);
    expect(bins.map((b) => b.count)).toEqual([3, 0, 1, 2]);
    expect(bins[1]).toEqual({ from: 0.25, to: 0.5, count: 0 });
    expect(total).toBe(6);
    expect(expected).toBe(1.5);
  });
});

const summary = (relMae: number): SummaryInput => ({
  samples: 1095,
  relMae: { value: relMae, ci95: [relMae - 0.02, relMae + 0.02], dmPValue: 0.2 },
  hitRate: { value: 0.512, ci95: [0.482, 0.542], ptPValue: 0.0004 },
  coverage: [
    { level: 80, value: 0.801, ci95: [0.776, 0.824] },
    { level: 90, value: 0.896, ci95: [0.877, 0.913] },
    { level: 95, value: 0.95, ci95: null },
  ],
  winkler90: 0.123456,
  pinball: 0.00612345,
  qlike: { model: -6.1234, ewma: -6.01, dmPValue: 0.03 },
});

describe('the comparison table', () => {
  it('puts the served model first and every figure with its CI or test', () => {
    const rows = comparisonRows([
      { family: 'naive', served: false, summary: summary(1) },
      { family: 'har-range', served: true, summary: summary(0.99) },
      { family: 'garch', served: false, summary: null },
    ]);
    expect(rows.map((r) => [r.family, r.served])).toEqual([
      ['har-range', true],
      ['naive', false],
      ['garch', false],
    ]);
    const cells = rows[0].cells!;
    expect(cells).toHaveLength(COLUMNS.length);
    expect(Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]))).toEqual({
      Forecasts: { value: '1,095', note: null },
      'MAE ratio to naive': { value: '0.990', note: '95% CI 0.970–1.010, DM p = 0.200' },
      'Hit rate': { value: '51.2%', note: '95% CI 48.2–54.2%, PT p < 0.001' },
      '80% coverage': { value: '80.1%', note: '95% CI 77.6–82.4%' },
      '90% coverage': { value: '89.6%', note: '95% CI 87.7–91.3%' },
      '95% coverage': { value: '95.0%', note: null },
      'Winkler 90%': { value: '0.1235', note: null },
      Pinball: { value: '0.006123', note: null },
      QLIKE: { value: '-6.123', note: 'EWMA -6.010, DM p = 0.030' },
    });
    expect(rows[2].cells).toBeNull();
  });
});

describe("the registry's figures per family", () => {
  const FAMILIES = ['lstm', 'naive', 'har-range'];
  it('shows the served model for its family, else the newest ready one, with its walk-forward summary', () => {
    const rows = familyBacktests(
      [
        { version: 1, family: 'naive', served: false, isBest: false, metrics: summary(1) },
        { version: 4, family: 'naive', served: false, isBest: false, metrics: summary(0.999) },
        { version: 2, family: 'har-range', served: true, isBest: true, metrics: summary(0.98) },
        { version: 3, family: 'har-range', served: false, isBest: false, metrics: summary(0.97) },
        { version: 5, family: 'lstm', served: false, isBest: false, metrics: { bestEpoch: 3, samples: { train: 1 } } },
      ],
      FAMILIES,
    );
    expect(rows.map((r) => [r.family, r.served, r.summary?.relMae.value ?? null])).toEqual([
      ['lstm', false, null],
      ['naive', false, 0.999],
      ['har-range', true, 0.98],
    ]);
  });

  it('reads a pre-step-8 registry: the best model (an LSTM) serves, with no walk-forward figures', () => {
    expect(familyBacktests([{ version: 1, isBest: true, metrics: null }], FAMILIES)).toEqual([
      { family: 'lstm', served: true, summary: null },
      { family: 'naive', served: false, summary: null },
      { family: 'har-range', served: false, summary: null },
    ]);
    expect(isSummary(summary(1))).toBe(true);
    expect(isSummary({ samples: 3 })).toBe(false);
  });
});
