import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Optional } from '#libs/http';
import type { IntervalCode } from '#libs/domain';
import { HyperparametersDto, IsHyperparameters } from './hyperparameters.dto.js';
import { AssetField, IntervalField } from './request-fields.js';

/** Train a new model version for an asset and interval. */
export class TrainRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @ApiPropertyOptional({ type: HyperparametersDto, description: 'Leave out any to get its default' })
  @Optional()
  @IsHyperparameters()
  @ValidateNested()
  @Type(() => HyperparametersDto)
  hyperparameters?: HyperparametersDto;
}
