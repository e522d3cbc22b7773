import { QueryIntegerField } from '#libs/http';
import { AssetIntervalQuery } from './asset-interval.query.js';

export const VOLATILITY_HORIZON = { min: 1, max: 30 };

/** The volatility the served forecast expects. */
export class VolatilityQuery extends AssetIntervalQuery {
  @QueryIntegerField('horizon', VOLATILITY_HORIZON, 'Steps ahead to give; absent, every step of the newest forecast')
  horizon?: number;
}
