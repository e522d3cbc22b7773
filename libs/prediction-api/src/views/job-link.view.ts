import { ApiProperty } from '@nestjs/swagger';
import { QueueName } from '#libs/queue';

/** The job another one enqueued when it finished: train → score → predict. */
export class JobLinkView {
  @ApiProperty({ example: 'scoring', description: `A queue's name; today one of ${Object.values(QueueName).join(', ')}` }) queue: string;
  @ApiProperty({ example: 'score', description: 'The job name, such as score or predict' }) name: string;
  @ApiProperty({ description: 'Its id, for GET /prediction/jobs/{id}' }) jobId: string;
}
