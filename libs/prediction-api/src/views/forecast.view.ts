import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES } from '#libs/domain';

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
  @ApiProperty({ example: '71990.12', description: 'Decimal string' }) predictedClose: string;
  @ApiProperty({ type: String, nullable: true, description: 'The real close, once that candle has closed' }) actualClose: string | null;
}

/** GET /prediction/latest: the newest forecast of an asset and interval, its model and when it was made. */
export class ForecastView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ type: String, format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: ModelRefView }) model: ModelRefView;
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
  @ApiProperty({ type: ModelRefView }) model: ModelRefView;
}

/** Live accuracy of the realized forecasts of this page. */
export class LiveAccuracyView {
  @ApiProperty({ description: 'Forecasts whose candle has closed' }) realized: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean absolute error of the realized forecasts' }) mae: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of realized forecasts with the right direction, 0 to 1' })
  directionHitRate: number | null;
}

/** GET /prediction/history: past forecasts with their actual closes, oldest target first. */
export class ForecastHistoryView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [ForecastRecordView] }) forecasts: ForecastRecordView[];
  @ApiProperty({ type: LiveAccuracyView }) accuracy: LiveAccuracyView;
}
