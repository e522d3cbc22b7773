import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES, type BacktestSummary, type Jsonb, type TrainingMetrics } from '#libs/domain';
import { MODEL_STATUSES } from '../dto/models.query.js';
import { TrainingMetricsView } from './training-metrics.view.js';

/** A model of the registry, without its artifact (topology and weights never leave Postgres through the API). */
export class ModelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ example: 3, description: 'Counts up per asset and interval' }) version: number;
  @ApiProperty({ enum: MODEL_STATUSES }) status: string;
  @ApiProperty({ description: 'Chosen by the latest scoring as the one that serves forecasts' }) isBest: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { units: 32, layers: 1, window: 30, horizon: 7, epochs: 50 } })
  hyperparameters: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First candle of the data it was trained on' })
  trainedFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last candle of the data it was trained on' }) trainedTo:
    string | null;
  @ApiProperty({
    type: TrainingMetricsView,
    nullable: true,
    description:
      'What its training reported: the test-split metrics beside the naive forecast, the validation split, and the loss per epoch',
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
