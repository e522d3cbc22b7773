import { describe, expect, it } from 'vitest';
import { metricRows, metricText } from './metric-rows.ts';

describe('metricRows', () => {
  it('compares each metric with the naive forecast in the right direction', () => {
    const rows = metricRows(
      { mae: 10, rmse: 12, mape: 1.5, mase: 0.9, r2: 0.8, directionalAccuracy: 0.55 },
      { mae: 11, rmse: 11, mape: 1.5, mase: 1, r2: 0.9, directionalAccuracy: 0.5 },
    );
    const beats = Object.fromEntries(rows.map((r) => [r.name, r.beatsNaive]));
    expect(beats).toEqual({ mae: true, rmse: false, mape: false, mase: true, r2: false, directionalAccuracy: true });
  });

  it('shows missing figures (NaN stored as null) as a dash and compares nothing', () => {
    const [, , , mase] = metricRows({ mase: null }, { mase: 1 });
    expect(mase).toMatchObject({ label: 'MASE', model: '—', naive: '1.000', beatsNaive: null });
  });
});

describe('metricText', () => {
  it('reads MAPE as percent and the direction share as a percentage', () => {
    expect(metricText('mape', 2.345)).toBe('2.35%');
    expect(metricText('directionalAccuracy', 0.5234)).toBe('52.3%');
    expect(metricText('mae', 1234.567)).toBe('1234.57');
    expect(metricText('mase', 0.98765)).toBe('0.9877');
  });
});
