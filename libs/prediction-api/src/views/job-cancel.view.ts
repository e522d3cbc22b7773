import { ApiProperty } from '@nestjs/swagger';

/** DELETE /prediction/jobs/{id}: what became of the job. */
export class JobCancelView {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['removed', 'cancelling'],
    description: 'removed: it had not started and never will; cancelling: it is running and was asked to stop (it fails with "cancelled")',
  })
  state: 'removed' | 'cancelling';
  @ApiProperty() message: string;
}
