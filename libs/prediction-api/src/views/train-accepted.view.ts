import { ApiProperty } from '@nestjs/swagger';
import { JobAcceptedView } from './job-accepted.view.js';

export class FamilyJobView extends JobAcceptedView {
  @ApiProperty({ example: 'lstm' }) family: string;
}

/**
 * POST /prediction/train: one job per family. The top-level fields are the first job's (the
 * family asked for, or the first of the defaults), so that a client of one job reads `jobId` as
 * before; `jobs` lists every job enqueued.
 */
export class TrainAcceptedView extends FamilyJobView {
  @ApiProperty({ type: [FamilyJobView], description: 'Every job enqueued, one per family, the one above first' }) jobs: FamilyJobView[];
}
