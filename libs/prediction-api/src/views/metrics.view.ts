import { ApiProperty } from '@nestjs/swagger';

/**
 * The metrics every evaluation reports, for the model and for the naive forecast alike. A figure
 * that is not a number (a MAE ratio against a naive forecast that made no error, the hit rate of
 * a forecast that never calls a move) is null. Metrics stored before step 8 have no maeRatio or
 * upShare, and their r2 and directionalAccuracy meant what the descriptions say they meant then.
 */
export class MetricsView {
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Mean absolute error, in quote currency' }) mae?:
    number | null;
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Root mean squared error' }) rmse?: number | null;
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Mean absolute percentage error, percent' }) mape?:
    number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description:
      'R² out of sample of the log return against the naive (zero) forecast: 1 − Σ(r − r̂)² / Σr²; 0 for the naive forecast, ' +
      'below 0 when worse than it (before step 8: R² on price levels, near 1 for any forecast close to the last close)',
  })
  r2?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description: 'MAE over the naive forecast\'s MAE on the same samples; below 1 beats "next close = last close" (absent before step 8)',
  })
  maeRatio?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description: 'Alias of maeRatio, under its old name (an out-of-sample MAE ratio, not Hyndman’s MASE)',
  })
  mase?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description:
      'Share (0 to 1) of right directions among the forecasts that called a move; null when none did (the naive forecast). ' +
      'Compare it with upShare, not with 0.5',
  })
  directionalAccuracy?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description: 'Share (0 to 1) of samples whose close rose: what "always up" scores (absent before step 8)',
  })
  upShare?: number | null;
}
