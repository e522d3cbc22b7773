import { ApiProperty } from '@nestjs/swagger';
import { EpochLogView } from './epoch-log.view.js';

/** A training job's progress after each epoch: the latest losses and every epoch's so far. */
export class TrainingProgressView {
  @ApiProperty({ type: 'integer', description: 'The epoch just finished', example: 12 }) epoch: number;
  @ApiProperty({ type: 'integer', description: 'Epochs at most (early stopping may end sooner)', example: 50 }) epochs: number;
  @ApiProperty({ example: 0.0021 }) loss: number;
  @ApiProperty({ example: 0.0025 }) valLoss: number;
  @ApiProperty({
    type: [EpochLogView],
    description: 'Every epoch of this attempt so far, oldest first (at most the epochs hyperparameter allows)',
  })
  history: EpochLogView[];
  @ApiProperty({ format: 'uuid', description: 'The model being trained' }) modelId: string;
  @ApiProperty({ type: 'integer', example: 3 }) version: number;
}
