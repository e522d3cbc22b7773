import type { AlertRuleData } from '#libs/database';

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
