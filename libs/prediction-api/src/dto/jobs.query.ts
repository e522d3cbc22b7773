import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional, QueryIntegerField } from '#libs/http';
import { QueueName } from '#libs/queue';

/** The states a job can be listed by: BullMQ's own. */
export const LISTED_JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'] as const;
export type ListedJobState = (typeof LISTED_JOB_STATES)[number];

export const JOBS_LIMIT = { min: 1, default: 50, max: 200 };

const QUEUES = Object.values(QueueName);

/** Recent jobs, by queue and state; each is optional. */
export class JobsQuery {
  // An open list: later steps add queues, so the docs name today's without making them an enum.
  @ApiPropertyOptional({
    type: String,
    example: QueueName.Training,
    description: `A queue's name; today one of ${QUEUES.join(', ')}. Without it, every queue`,
  })
  @Optional()
  @IsIn(QUEUES, { message: `queue must be one of ${QUEUES.join(', ')}` })
  queue?: QueueName;

  @ApiPropertyOptional({ enum: LISTED_JOB_STATES, description: 'Without it, every state' })
  @Optional()
  @IsIn(LISTED_JOB_STATES, { message: `state must be one of ${LISTED_JOB_STATES.join(', ')}` })
  state?: ListedJobState;

  @QueryIntegerField('limit', JOBS_LIMIT, 'Jobs at most, newest first')
  limit: number = JOBS_LIMIT.default;
}
