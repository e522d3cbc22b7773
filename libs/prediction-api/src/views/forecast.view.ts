import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES } from '#libs/domain';
import {
  CalibrationView,
  EdgeView,
  ExpectedRangeView,
  ForecastModelView,
  PriceIntervalView,
  QuantileView,
} from './forecast-distribution.view.js';

export class ModelRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 3 }) version: number;
}

/** The last closed candle a forecast started from. */
export class BaseCandleView {
  @ApiProperty({ type: String, format: 'date-time', description: 'Open time' }) time: string;
  @ApiProperty({ example: '71323.8' }) close: string;
}

export class ForecastPointView {
  @ApiProperty({ type: String, format: 'date-time', description: 'Open time of the candle whose close is forecast' }) targetTime: string;
  @ApiProperty({ example: '71990.12', description: 'Decimal string; the median (kept under this name too)' }) predictedClose: string;
  @ApiProperty({ example: '71990.12', description: 'The median of the forecast close (= predictedClose)' }) median: string;
  @ApiProperty({
    type: [QuantileView],
    nullable: true,
    description:
      'Prices at the levels 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, lowest first, never crossing; null on forecasts made before step 8',
  })
  quantiles: QuantileView[] | null;
  @ApiProperty({
    type: [PriceIntervalView],
    nullable: true,
    description: 'The 80, 90 and 95% intervals, each inside the next; null on older forecasts',
  })
  intervals: PriceIntervalView[] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Standard deviation of the log return from the last close to this close' })
  sigma: number | null;
  @ApiProperty({ type: ExpectedRangeView, nullable: true, description: "The candle's expected low and high" })
  expectedRange: ExpectedRangeView | null;
  @ApiProperty({ type: String, nullable: true, description: 'The real close, once that candle has closed' }) actualClose: string | null;
}

/** GET /prediction/latest: the newest forecast of an asset and interval, its model and when it was made. */
export class ForecastView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ type: String, format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: ForecastModelView }) model: ForecastModelView;
  @ApiProperty({ description: 'Its model was trained more than two retrain periods (RETRAIN_SCHEDULE) ago' }) stale: boolean;
  @ApiProperty({ type: EdgeView, description: "The median's edge over the naive forecast on the model's walk-forward" }) edge: EdgeView;
  @ApiProperty({
    type: CalibrationView,
    nullable: true,
    description: "Realized coverage of the model's intervals; null for a model without calibration",
  })
  calibration: CalibrationView | null;
  @ApiProperty({ type: BaseCandleView, nullable: true, description: 'The candle it started from; null if that candle is not stored' })
  basedOn: BaseCandleView | null;
  @ApiProperty({ type: [ForecastPointView], description: 'Oldest target first' }) points: ForecastPointView[];
}

export class ForecastRecordView {
  @ApiProperty({ type: String, format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) targetTime: string;
  @ApiProperty() predictedClose: string;
  @ApiProperty({ type: String, nullable: true }) actualClose: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The close the forecast started from' }) baseClose: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual - predicted, once realized' }) error: number | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether it got the direction of the move from baseClose right, once realized',
  })
  directionHit: boolean | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the actual close fell inside the 80% interval; null until known, or without intervals',
  })
  inside80: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) inside90: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) inside95: boolean | null;
  @ApiProperty({ type: ModelRefView }) model: ModelRefView;
}

/** Live accuracy of the realized forecasts of this page. */
export class LiveAccuracyView {
  @ApiProperty({ description: 'Forecasts whose candle has closed' }) realized: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean absolute error of the realized forecasts' }) mae: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of realized forecasts with the right direction, 0 to 1' })
  directionHitRate: number | null;
  @ApiProperty({ description: 'Realized forecasts of this page that had intervals (what the coverages are over)' }) withIntervals: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of those whose actual fell inside the 80% interval' })
  coverage80: number | null;
  @ApiProperty({ type: Number, nullable: true }) coverage90: number | null;
  @ApiProperty({ type: Number, nullable: true }) coverage95: number | null;
}

/** GET /prediction/history: past forecasts with their actual closes, oldest target first. */
export class ForecastHistoryView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [ForecastRecordView] }) forecasts: ForecastRecordView[];
  @ApiProperty({ type: LiveAccuracyView }) accuracy: LiveAccuracyView;
}
