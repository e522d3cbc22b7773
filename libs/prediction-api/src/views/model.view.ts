import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { INTERVAL_CODES, MODEL_FAMILIES, type BacktestSummary, type Jsonb, type TrainingMetrics } from '#libs/domain';
import { MODEL_STATUSES } from '../dto/models.query.js';
import { BacktestSummaryView } from './backtest-summary.view.js';
import { TrainingMetricsView } from './training-metrics.view.js';

/** Why the score serves a model or not. */
export class ModelSelectionView {
  @ApiProperty({ description: 'Chosen by the score (is_best); a pin can serve another model' }) served: boolean;
  @ApiProperty({ example: 'lowest pinball loss among the calibrated models' }) reason: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean pinball loss on its training walk-forward' }) pinball: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Realized 90% coverage on that walk-forward' }) coverage90: number | null;
  @ApiProperty({ description: 'Its intervals passed the coverage check that makes it eligible' }) calibrated: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: string;
}

/** A model of the registry, without its artifact (topology and weights never leave Postgres through the API). */
@ApiExtraModels(TrainingMetricsView, BacktestSummaryView)
export class ModelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ example: 3, description: 'Counts up per asset and interval' }) version: number;
  @ApiProperty({ enum: MODEL_STATUSES }) status: string;
  @ApiProperty({ description: 'Chosen by the latest scoring (a pinned model is served over it)' }) isBest: boolean;
  @ApiProperty({ enum: MODEL_FAMILIES }) family: string;
  @ApiProperty({ description: 'Pinned by an admin as the served model of its series' }) pinned: boolean;
  @ApiProperty({ description: 'The model its series serves now: the pinned one, else the best (ready models only)' }) served: boolean;
  @ApiProperty({ description: 'Trained more than two retrain periods (RETRAIN_SCHEDULE) ago' }) stale: boolean;
  @ApiProperty({ type: ModelSelectionView, nullable: true, description: 'Why the score serves it or not; null before the first score' })
  selection: ModelSelectionView | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { units: 32, layers: 1, window: 30, horizon: 7, epochs: 50 } })
  hyperparameters: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First candle of the data it was trained on' })
  trainedFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last candle of the data it was trained on' }) trainedTo:
    string | null;
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(BacktestSummaryView) }, { $ref: getSchemaPath(TrainingMetricsView) }],
    nullable: true,
    description:
      'What its training reported: from step 8 the summary of its walk-forward (BacktestSummaryView); before, the test-split ' +
      'metrics beside the naive forecast, the validation split, and the loss per epoch (TrainingMetricsView)',
  })
  metrics: Jsonb<TrainingMetrics> | Jsonb<BacktestSummary> | null;
  @ApiProperty({ type: String, nullable: true, example: 'wasm', description: 'TensorFlow.js backend it was trained with' }) backend:
    string | null;
  @ApiProperty({ type: Number, nullable: true }) trainingMs: number | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class ModelListView {
  @ApiProperty() count: number;
  @ApiProperty({ type: [ModelView], description: 'By asset, interval, then newest version first' }) models: ModelView[];
}
