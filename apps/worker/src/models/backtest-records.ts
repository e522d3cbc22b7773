import type { NewBacktestRecord } from '#libs/database';
import { meanPinballLoss, pitValue, type WalkForwardRecord } from '#libs/ml';
import { toPrices } from './distribution-prices.js';

/** Every step of every origin of a walk-forward, as the backtest_records rows stored for it (pinball in log-return units, as the summaries have it). */
export function backtestRows(records: readonly WalkForwardRecord[]): NewBacktestRecord[] {
  const rows: NewBacktestRecord[] = [];
  for (const record of records) {
    record.steps.forEach((step, i) => {
      const actual = record.actual[i];
      // The candle's expected range is stored with forecasts only.
      const { rangeLow: _low, rangeHigh: _high, ...prices } = toPrices(record.lastClose, step);
      rows.push({
        originTime: new Date(record.time * 1000),
        step: step.step,
        lastClose: record.lastClose,
        actualClose: actual === null ? null : record.lastClose * Math.exp(actual),
        ...prices,
        pit: actual === null ? null : pitValue(step.quantiles, actual),
        pinball: actual === null ? null : meanPinballLoss(step.quantiles, actual),
      });
    });
  }
  return rows;
}
