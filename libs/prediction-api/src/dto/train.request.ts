import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Optional } from '#libs/http';
import type { IntervalCode, ModelFamily } from '#libs/domain';
import { HyperparametersDto, IsHyperparameters } from './hyperparameters.dto.js';
import { AssetField, FamilyField, IntervalField } from './request-fields.js';

/** Train a new model version for an asset and interval. */
export class TrainRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @FamilyField(
    'The family to train; absent, every family the interval trains by default (the baselines, and the LSTM where LSTM_INTERVALS has the interval), one job each',
  )
  family?: ModelFamily;

  @ApiPropertyOptional({ type: HyperparametersDto, description: "The LSTM's; leave out any to get its default" })
  @Optional()
  @IsHyperparameters()
  @ValidateNested()
  @Type(() => HyperparametersDto)
  hyperparameters?: HyperparametersDto;
}
