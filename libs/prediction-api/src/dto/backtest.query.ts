import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional, QueryIntegerField } from '#libs/http';
import type { ModelFamily } from '#libs/domain';
import { AssetIntervalQuery } from './asset-interval.query.js';
import { FamilyField } from './request-fields.js';

export const BACKTEST_RECORDS_LIMIT = { min: 1, default: 500, max: 2000 };
export const BACKTEST_OFFSET = { min: 0, default: 0, max: 10_000_000 };
export const BACKTEST_STEP = { min: 1, max: 30 };
export const BACKTEST_QUERY_KINDS = ['backtest', 'training'] as const;

/** The newest stored walk-forward of a series and a page of its records. */
export class BacktestQuery extends AssetIntervalQuery {
  @FamilyField('Only walk-forwards of this family; absent, any family')
  family?: ModelFamily;

  @ApiPropertyOptional({
    enum: BACKTEST_QUERY_KINDS,
    description: "backtest: one an admin ran; training: a model's own. Absent: the newest backtest, else the newest training walk-forward",
  })
  @Optional()
  @IsIn(BACKTEST_QUERY_KINDS, { message: `kind must be one of ${BACKTEST_QUERY_KINDS.join(', ')}` })
  kind?: (typeof BACKTEST_QUERY_KINDS)[number];

  @QueryIntegerField('step', BACKTEST_STEP, 'Only the records of this horizon step (1: the next candle); absent, every step')
  step?: number;

  @QueryIntegerField('limit', BACKTEST_RECORDS_LIMIT, 'Records per page')
  limit: number = BACKTEST_RECORDS_LIMIT.default;

  @QueryIntegerField('offset', BACKTEST_OFFSET, 'Records to skip (the previous page gave it as nextOffset)')
  offset: number = BACKTEST_OFFSET.default;
}
