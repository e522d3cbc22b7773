import { QueryIntegerField, TimeField } from '#libs/http';
import { AssetIntervalQuery } from './asset-interval.query.js';

export const FORECAST_HISTORY_LIMIT = { min: 1, default: 100, max: 1000 };

/** Past forecasts of one asset and interval, by the time they forecast. */
export class ForecastHistoryQuery extends AssetIntervalQuery {
  @TimeField('from', 'Earliest target time; without it, the most recent forecasts')
  from?: Date;

  @TimeField('to', 'Latest target time', '2024-12-31T23:59:59Z')
  to?: Date;

  @QueryIntegerField('limit', FORECAST_HISTORY_LIMIT)
  limit: number = FORECAST_HISTORY_LIMIT.default;
}
