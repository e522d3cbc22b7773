import type { MetricsView } from './model-types.ts';

export type MetricName = keyof MetricsView;

export interface MetricRow {
  name: MetricName;
  label: string;
  model: string;
  naive: string;
  /** Whether the model's figure is better than the naive forecast's; null when either is missing. */
  beatsNaive: boolean | null;
}

const METRICS: { name: MetricName; label: string; higherIsBetter: boolean }[] = [
  { name: 'mae', label: 'MAE', higherIsBetter: false },
  { name: 'rmse', label: 'RMSE', higherIsBetter: false },
  { name: 'mape', label: 'MAPE', higherIsBetter: false },
  { name: 'mase', label: 'MASE', higherIsBetter: false },
  { name: 'r2', label: 'R²', higherIsBetter: true },
  { name: 'directionalAccuracy', label: 'Direction right', higherIsBetter: true },
];

/** One metric as text: MAPE in percent, the direction share as a percentage, the rest as numbers; null → "—". */
export function metricText(name: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (name === 'mape') return `${value.toFixed(2)}%`;
  if (name === 'directionalAccuracy') return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(2) : value.toPrecision(4);
}

/** The rows of a model-vs-naive table. */
export function metricRows(model: MetricsView, naive: MetricsView): MetricRow[] {
  return METRICS.map(({ name, label, higherIsBetter }) => {
    const m = model[name];
    const n = naive[name];
    const comparable = typeof m === 'number' && typeof n === 'number' && Number.isFinite(m) && Number.isFinite(n);
    return {
      name,
      label,
      model: metricText(name, m),
      naive: metricText(name, n),
      beatsNaive: comparable ? (higherIsBetter ? m > n : m < n) : null,
    };
  });
}
