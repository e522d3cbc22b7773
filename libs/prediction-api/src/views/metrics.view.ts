import { ApiProperty } from '@nestjs/swagger';

/**
 * The metrics every evaluation reports, for the model and for the naive forecast alike. A figure
 * that is not a number (the r2 of closes that never moved, the MASE against a naive forecast
 * that made no error) is null.
 */
export class MetricsView {
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Mean absolute error, in quote currency' }) mae?:
    number | null;
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Root mean squared error' }) rmse?: number | null;
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Mean absolute percentage error, percent' }) mape?:
    number | null;
  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Coefficient of determination' }) r2?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description: "Mean absolute scaled error: MAE over the naive forecast's MAE; below 1 beats it",
  })
  mase?: number | null;
  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description: 'Share of forecasts that got the direction of the move right, 0 to 1',
  })
  directionalAccuracy?: number | null;
}
