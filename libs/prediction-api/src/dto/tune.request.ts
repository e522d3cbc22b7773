import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import type { IntervalCode, ModelFamily } from '#libs/domain';
import { AssetField, FamilyField, IntervalField } from './request-fields.js';

export const TUNE_TRIALS = { min: 1, max: 100 };
const TRIALS_MESSAGE = `trials must be a whole number from ${TUNE_TRIALS.min} to ${TUNE_TRIALS.max}`;

/** Run a bounded random search of a family's settings inside the rolling-origin cross-validation (research queue). */
export class TuneRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @ApiProperty({
    type: 'integer',
    minimum: TUNE_TRIALS.min,
    maximum: TUNE_TRIALS.max,
    example: 8,
    description: 'Settings drawn and scored',
  })
  @IsDefined({ message: TRIALS_MESSAGE })
  @IsInt({ message: TRIALS_MESSAGE })
  @Min(TUNE_TRIALS.min, { message: TRIALS_MESSAGE })
  @Max(TUNE_TRIALS.max, { message: TRIALS_MESSAGE })
  trials: number;

  @FamilyField('The family to tune; absent, the LSTM')
  family?: ModelFamily;
}
