import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '#libs/http';
import type { IntervalCode } from '#libs/domain';
import { HYPERPARAMETER_LIMITS } from '../hyperparameters.js';
import { AssetField, IntervalField } from './request-fields.js';

const { min, max } = HYPERPARAMETER_LIMITS.horizon;
const HORIZON_MESSAGE = `horizon must be a whole number from ${min} to ${max}`;

/** Forecast the next closes of an asset and interval with its best model. */
export class PredictRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: min,
    maximum: max,
    description: "Future closes to forecast; by default the best model's own horizon",
  })
  @Optional()
  @IsInt({ message: HORIZON_MESSAGE })
  @Min(min, { message: HORIZON_MESSAGE })
  @Max(max, { message: HORIZON_MESSAGE })
  horizon?: number;
}
