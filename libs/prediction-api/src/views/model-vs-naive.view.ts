import { ApiProperty } from '@nestjs/swagger';
import { MetricsView } from './metrics.view.js';

/** A model's metrics and the naive forecast's on the same samples. */
export class ModelVsNaiveView {
  @ApiProperty({ type: MetricsView }) model: MetricsView;
  @ApiProperty({ type: MetricsView, description: 'The naive forecast (next close = last close)' }) naive: MetricsView;
}
