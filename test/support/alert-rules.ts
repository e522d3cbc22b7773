import type { AlertRuleData } from '#libs/database';
import type { Candle } from '#libs/domain';

export const DAY = 86_400;
/** 2024-03-01, the first candle of the alert specs' daily series. */
export const T0 = 1_709_251_200;

/** The daily candle `i` days after T0, flat at `close`. */
export const day = (i: number, close: number): Candle => ({
  time: T0 + i * DAY,
  open: String(close),
  high: String(close),
  low: String(close),
  close: String(close),
  vwap: null,
  volume: '1',
  trades: 1,
});

/** A rule as the repository stores it: by default BTC 1d price_above 70,000 to the inbox and the webhooks, one day's cooldown, not snoozed. */
export const alertRule = (assetId: number, fields: Partial<AlertRuleData> = {}): AlertRuleData => ({
  assetId,
  interval: '1d',
  kind: 'price_above',
  threshold: 70_000,
  windowMinutes: null,
  level: null,
  cooldownMinutes: 1440,
  channels: ['inbox', 'webhook'],
  active: true,
  snoozedUntil: null,
  ...fields,
});
