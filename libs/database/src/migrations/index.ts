import { InitialSchema1763780000000 } from './1763780000000-initial-schema.js';
import { RefreshTokens1763790000000 } from './1763790000000-refresh-tokens.js';
import { ChangeNotifications1763800000000 } from './1763800000000-change-notifications.js';
import { CandleNotifications1763810000000 } from './1763810000000-candle-notifications.js';
import { SessionPersistence1763820000000 } from './1763820000000-session-persistence.js';
import { ForecastDistributions1763830000000 } from './1763830000000-forecast-distributions.js';
import { WatchlistsPreferences1763840000000 } from './1763840000000-watchlists-preferences.js';
import { AlertsNotifications1763850000000 } from './1763850000000-alerts-notifications.js';
import { NotificationRetention1763860000000 } from './1763860000000-notification-retention.js';
import { AlertSnooze1763870000000 } from './1763870000000-alert-snooze.js';

/** Every migration, oldest first. A new one is a timestamped file here and a line below. */
export const MIGRATIONS = [
  InitialSchema1763780000000,
  RefreshTokens1763790000000,
  ChangeNotifications1763800000000,
  CandleNotifications1763810000000,
  SessionPersistence1763820000000,
  ForecastDistributions1763830000000,
  WatchlistsPreferences1763840000000,
  AlertsNotifications1763850000000,
  NotificationRetention1763860000000,
  AlertSnooze1763870000000,
];
