import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '#libs/http';
import type { IntervalCode, ModelFamily } from '#libs/domain';
import { AssetField, FamilyField, IntervalField } from './request-fields.js';

export const MODEL_STATUSES = ['training', 'ready', 'failed', 'archived'] as const;
export type ModelStatusName = (typeof MODEL_STATUSES)[number];

/** Filters of the model registry; each is optional. */
export class ModelsQuery {
  @AssetField({ required: false })
  asset?: string;

  @IntervalField()
  interval?: IntervalCode;

  @ApiPropertyOptional({ enum: MODEL_STATUSES })
  @Optional()
  @IsIn(MODEL_STATUSES, { message: `status must be one of ${MODEL_STATUSES.join(', ')}` })
  status?: ModelStatusName;

  @FamilyField('Only models of this family')
  family?: ModelFamily;
}
