import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '#libs/http';
import type { IntervalCode } from '#libs/domain';
import { AssetField, IntervalField } from './request-fields.js';

export const INGEST_MODES = ['sync', 'backfill'] as const;
export type IngestMode = (typeof INGEST_MODES)[number];

/** Fetch candles from Kraken now: from the newest stored one (`sync`), or everything Kraken still serves (`backfill`). */
export class IngestRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @ApiPropertyOptional({
    enum: INGEST_MODES,
    default: 'sync',
    description: '`sync`: from the newest stored candle on; `backfill`: the most recent 720 candles Kraken serves',
  })
  @Optional()
  @IsIn(INGEST_MODES, { message: `mode must be one of ${INGEST_MODES.join(', ')}` })
  mode: IngestMode = 'sync';
}
