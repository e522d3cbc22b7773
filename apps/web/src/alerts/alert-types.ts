/** The alert rules' shapes (COMMON.md's AlertRuleInput and AlertRuleView), as the editor reads and sends them. */
export const USER_KINDS = ['price_above', 'price_below', 'move_pct', 'forecast_move_pct', 'outside_interval', 'volatility_above'] as const;
export const ADMIN_KINDS = ['coverage_out_of_band', 'training_failed', 'candles_stale'] as const;
export type AlertKind = (typeof USER_KINDS)[number] | (typeof ADMIN_KINDS)[number];
export type AlertChannel = 'inbox' | 'webhook';
export const LEVELS = [80, 90, 95] as const;
export type Level = (typeof LEVELS)[number];

export interface AlertRuleInput {
  asset: string;
  interval: string;
  kind: AlertKind;
  threshold?: number;
  window?: string;
  level?: Level;
  cooldown?: string;
  channels: AlertChannel[];
  active?: boolean;
}

export interface AlertRuleView {
  id: string;
  asset: string;
  interval: string;
  kind: AlertKind;
  threshold: number | null;
  window: string | null;
  level: number | null;
  cooldown: string;
  channels: AlertChannel[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastFiredAt: string | null;
}

export interface AlertRuleList {
  rules: AlertRuleView[];
  limit: number;
}
