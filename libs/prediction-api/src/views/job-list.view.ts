import { ApiProperty } from '@nestjs/swagger';
import { JobView } from './job.view.js';

/** GET /prediction/jobs: recent jobs, newest first. */
export class JobListView {
  @ApiProperty({ description: 'Jobs in this answer' }) count: number;
  @ApiProperty({ type: [JobView], description: 'Newest first (by creation)' }) jobs: JobView[];
}
