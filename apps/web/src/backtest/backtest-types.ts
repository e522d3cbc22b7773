/**
 * GET /prediction/backtest as this page reads it (DESIGN.md "Forecast distributions"), and the
 * model families of the registry (libs/domain's MODEL_FAMILIES).
 */
import type { RecordInput, SummaryInput } from './backtest-figures.ts';

export const MODEL_FAMILIES = ['lstm', 'naive', 'ewma', 'garch', 'har-range'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

export interface BacktestAnswer {
  id: string;
  family: string;
  kind: string;
  modelId: string | null;
  createdAt: string;
  summary: SummaryInput | null;
  records: RecordInput[];
  count?: number;
}
