import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES } from '#libs/domain';
import { MetricsView } from './metrics.view.js';
import { ModelView } from './model.view.js';

/** A model's metrics on one window of candles, beside the naive forecast's (next close = last close) on the same window. */
export class EvaluationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['train', 'score'],
    description: '`train`: the held-out test split at training time; `score`: recent candles no model trained on',
  })
  kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) windowFrom: string;
  @ApiProperty({ type: String, format: 'date-time' }) windowTo: string;
  @ApiProperty({ description: 'Forecasts compared' }) samples: number;
  @ApiProperty({ type: MetricsView }) metrics: Record<string, number | null>;
  @ApiProperty({ type: MetricsView, description: 'The naive forecast on the same window' }) naiveMetrics: Record<string, number | null>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

/** GET /prediction/best-model: the model that serves forecasts, with its latest evaluation if it has one. */
export class BestModelView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ type: ModelView }) model: ModelView;
  @ApiProperty({ type: EvaluationView, nullable: true }) latestEvaluation: EvaluationView | null;
}

/** GET /prediction/model-evaluation: the latest evaluation of the best model, with the naive baseline. */
export class ModelEvaluationView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ type: ModelView }) model: ModelView;
  @ApiProperty({ type: EvaluationView }) evaluation: EvaluationView;
}
