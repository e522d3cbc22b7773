import { ApiProperty } from '@nestjs/swagger';
import { ModelVsNaiveView } from './model-vs-naive.view.js';
import { MetricsView } from './metrics.view.js';

/** A model's forecasts on one split of its training data, beside the naive forecast's. */
export class TrainingEvaluationView {
  @ApiProperty({ type: 'integer', description: 'Forecasts scored: one per window' }) samples: number;
  @ApiProperty({ type: 'integer', description: 'Unix seconds: open time of the first candle whose close was forecast' }) from: number;
  @ApiProperty({ type: 'integer', description: 'Unix seconds: open time of the last candle whose close was forecast' }) to: number;
  @ApiProperty({ type: MetricsView, description: 'One step ahead (the next close): the headline figures' }) model: MetricsView;
  @ApiProperty({ type: MetricsView, description: 'The naive forecast on the same samples' }) naive: MetricsView;
  @ApiProperty({ type: [ModelVsNaiveView], description: 'One entry per horizon step h (index h − 1): forecasts h closes ahead' })
  steps: ModelVsNaiveView[];
}
