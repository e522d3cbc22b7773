import { ApiProperty } from '@nestjs/swagger';

/** One epoch of a training: Huber losses of scaled targets on the training and the validation split. */
export class EpochLogView {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 }) epoch: number;
  @ApiProperty({ example: 0.0021, description: 'Mean loss over the training split' }) loss: number;
  @ApiProperty({ example: 0.0025, description: 'Loss on the validation split' }) valLoss: number;
}
