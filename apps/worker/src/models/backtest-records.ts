import { meanPinballLoss, pitValue, type WalkForwardRecord } from '#libs/ml';
import { toPrices } from './distribution-prices.js';

/** One row of backtest_records, in prices (pinball in log-return units, as the summaries have it). */
export interface BacktestRecordRow {
  originTime: Date;
  step: number;
  lastClose: number;
  actualClose: number | null;
  median: number;
  quantiles: number[];
  lower80: number;
  upper80: number;
  lower90: number;
  upper90: number;
  lower95: number;
  upper95: number;
  sigma: number;
  pit: number | null;
  pinball: number | null;
}

/** Every step of every origin of a walk-forward, as the rows stored for it. */
export function backtestRows(records: readonly WalkForwardRecord[]): BacktestRecordRow[] {
  const rows: BacktestRecordRow[] = [];
  for (const record of records) {
    record.steps.forEach((step, i) => {
      const actual = record.actual[i];
      const prices = toPrices(record.lastClose, step);
      rows.push({
        originTime: new Date(record.time * 1000),
        step: step.step,
        lastClose: record.lastClose,
        actualClose: actual === null ? null : record.lastClose * Math.exp(actual),
        median: prices.median,
        quantiles: prices.quantiles,
        lower80: prices.lower80,
        upper80: prices.upper80,
        lower90: prices.lower90,
        upper90: prices.upper90,
        lower95: prices.lower95,
        upper95: prices.upper95,
        sigma: step.sigma,
        pit: actual === null ? null : pitValue(step.quantiles, actual),
        pinball: actual === null ? null : meanPinballLoss(step.quantiles, actual),
      });
    });
  }
  return rows;
}
