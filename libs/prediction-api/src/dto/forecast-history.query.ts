import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, IsOptional } from 'class-validator';
import { AssetIntervalQuery } from './asset-interval.query.js';
import { TimeField } from './request-fields.js';

export const FORECAST_HISTORY_LIMIT = { default: 100, max: 1000 };
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${FORECAST_HISTORY_LIMIT.max}`;

/** Past forecasts of one asset and interval, by the time they forecast. */
export class ForecastHistoryQuery extends AssetIntervalQuery {
  @TimeField('from', 'Earliest target time; without it, the most recent forecasts')
  from?: Date;

  @TimeField('to', 'Latest target time')
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: FORECAST_HISTORY_LIMIT.max, default: FORECAST_HISTORY_LIMIT.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(FORECAST_HISTORY_LIMIT.max, { message: LIMIT_MESSAGE })
  limit: number = FORECAST_HISTORY_LIMIT.default;
}
