import { ApiProperty } from '@nestjs/swagger';

/** A job was enqueued, or the same job was already waiting or running and is returned instead. */
export class JobAcceptedView {
  @ApiProperty({ description: 'Follow it with GET /prediction/jobs/{jobId}' }) jobId: string;
  @ApiProperty({ enum: ['market-data', 'training', 'scoring', 'prediction', 'research'] }) queue: string;
  @ApiProperty({ enum: ['sync', 'backfill', 'train', 'score', 'predict', 'backtest', 'tune'] }) name: string;
  @ApiProperty({ description: 'true when an identical job was already waiting or running: this is that job' }) deduplicated: boolean;
}
