import { ApiProperty } from '@nestjs/swagger';
import { EpochLogView } from './epoch-log.view.js';
import { SplitSamplesView } from './split-samples.view.js';
import { TrainingEvaluationView } from './training-evaluation.view.js';

/** What a training reports of itself, stored with its model. */
export class TrainingMetricsView {
  @ApiProperty({ type: 'integer', description: 'The epoch whose weights were kept: the lowest validation loss' }) bestEpoch: number;
  @ApiProperty({ type: SplitSamplesView }) samples: SplitSamplesView;
  @ApiProperty({ type: TrainingEvaluationView, description: 'On the validation split, which chose the epoch' })
  validation: TrainingEvaluationView;
  @ApiProperty({
    type: TrainingEvaluationView,
    nullable: true,
    description: 'On the test split, which nothing in training saw; null when there was none',
  })
  test: TrainingEvaluationView | null;
  @ApiProperty({ type: [EpochLogView], description: 'Every epoch trained, oldest first: the loss curves' }) history: EpochLogView[];
}
