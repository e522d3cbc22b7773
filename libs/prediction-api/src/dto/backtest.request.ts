import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min } from 'class-validator';
import { Optional, TimeField } from '#libs/http';
import type { IntervalCode, ModelFamily } from '#libs/domain';
import { AssetField, FamilyField, IntervalField } from './request-fields.js';

export const BACKTEST_HORIZON = { min: 1, max: 30, default: 7 };
export const BACKTEST_REFIT_EVERY = { min: 1, max: 10_000 };
const HORIZON_MESSAGE = `horizon must be a whole number from ${BACKTEST_HORIZON.min} to ${BACKTEST_HORIZON.max}`;
const REFIT_MESSAGE = `refitEvery must be a whole number from ${BACKTEST_REFIT_EVERY.min} to ${BACKTEST_REFIT_EVERY.max}`;

/** Run a walk-forward of one family over a span of a series (research queue). */
export class BacktestRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @FamilyField("The family to backtest; absent, the family of the series' served model (har-range when it has none)")
  family?: ModelFamily;

  @TimeField('from', 'Open time of the first origin; absent, the newest 1,095 origins (at most what the series holds)')
  from?: Date;

  @TimeField('to', 'Open time of the last origin; absent, the newest candle whose next close is known')
  to?: Date;

  @ApiPropertyOptional({ type: 'integer', ...BACKTEST_HORIZON, description: 'Candles ahead each origin forecasts' })
  @Optional()
  @IsInt({ message: HORIZON_MESSAGE })
  @Min(BACKTEST_HORIZON.min, { message: HORIZON_MESSAGE })
  @Max(BACKTEST_HORIZON.max, { message: HORIZON_MESSAGE })
  horizon?: number;

  @ApiPropertyOptional({
    type: 'integer',
    ...BACKTEST_REFIT_EVERY,
    description: 'Refit after this many origins; absent, 90 for the LSTM and 30 for a baseline',
  })
  @Optional()
  @IsInt({ message: REFIT_MESSAGE })
  @Min(BACKTEST_REFIT_EVERY.min, { message: REFIT_MESSAGE })
  @Max(BACKTEST_REFIT_EVERY.max, { message: REFIT_MESSAGE })
  refitEvery?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { window: 1000 },
    description:
      "The family's settings, defaults for those left out: the LSTM's hyperparameters (and folds, 0–5), naive/garch/har-range window, ewma lambda",
  })
  @Optional()
  @IsObject({ message: 'settings must be an object of numbers such as {"window": 1000}' })
  settings?: Record<string, number>;
}
