import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { JobName, QueueName } from '#libs/queue';
import { JobLinkView } from './job-link.view.js';
import { TrainingProgressView } from './training-progress.view.js';

export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed', 'unknown'] as const;

/** A job's state, progress and outcome. */
@ApiExtraModels(TrainingProgressView, JobLinkView)
export class JobView {
  @ApiProperty() id: string;
  // Open lists: later steps add queues and job names, so the docs name today's without making them enums.
  @ApiProperty({ example: 'training', description: `The queue; today one of ${Object.values(QueueName).join(', ')}` }) queue: string;
  @ApiProperty({ example: 'train', description: `The job name; today one of ${Object.values(JobName).join(', ')}` }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'BTC', description: 'The asset it works on' }) asset: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1d', description: 'The candle interval it works on' }) interval: string | null;
  @ApiProperty({ enum: JOB_STATES }) state: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { $ref: getSchemaPath(TrainingProgressView) }, { type: 'object', additionalProperties: true }],
    description: '0 until the worker reports any; for training, the epoch reached with its losses and every epoch’s so far',
    example: {
      epoch: 2,
      epochs: 50,
      loss: 0.0021,
      valLoss: 0.0025,
      history: [
        { epoch: 1, loss: 0.0034, valLoss: 0.0031 },
        { epoch: 2, loss: 0.0021, valLoss: 0.0025 },
      ],
      modelId: '5d1c7f0e-2b7a-4c39-9f55-0e3c1b2d4a6f',
      version: 3,
    },
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
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    properties: { next: { allOf: [{ $ref: getSchemaPath(JobLinkView) }] } },
    description:
      'What a completed job returned. `next`, when present, is the job it enqueued when it finished ' +
      '(a train its score, a score that chose a best model its predict): follow it to see the chain through',
  })
  result: unknown;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) failedReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a worker last started it' }) processedAt:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
