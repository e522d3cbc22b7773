import { ApiProperty } from '@nestjs/swagger';

export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed', 'unknown'] as const;

/** A job's state, progress and outcome. */
export class JobView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['market-data', 'training', 'scoring', 'prediction'] }) queue: string;
  @ApiProperty({ enum: ['sync', 'backfill', 'train', 'score', 'predict'] }) name: string;
  @ApiProperty({ enum: JOB_STATES }) state: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'object', additionalProperties: true }],
    description: 'A percentage, or for training the epoch reached with its losses: {"epoch": 12, "loss": 0.0021, "valLoss": 0.0025}',
    example: { epoch: 12, epochs: 50, loss: 0.0021, valLoss: 0.0025 },
  })
  progress: number | string | boolean | object;
  @ApiProperty({ description: 'Attempts made so far (failed ones are retried with backoff)' }) attemptsMade: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The payload: asset, interval and the job’s own settings',
    example: { asset: 'BTC', interval: '1d' },
  })
  data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'What a completed job returned' })
  result: unknown;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) failedReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
