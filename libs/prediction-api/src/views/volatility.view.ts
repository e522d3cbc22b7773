import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES } from '#libs/domain';
import { ExpectedRangeView, ForecastModelView } from './forecast-distribution.view.js';

export class VolatilityStepView {
  @ApiProperty({ description: '1: the next candle' }) step: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'Open time of that candle' }) targetTime: string;
  @ApiProperty({ description: "σ of that candle's own log return (close over the previous close)" }) sigma: number;
  @ApiProperty({ description: 'σ of the log return from the last close to this close (cumulative)' }) cumulativeSigma: number;
  @ApiProperty({ description: 'sigma × √(candles per year): a year of 365.25 days of this interval' }) annualizedSigma: number;
  @ApiProperty({ type: ExpectedRangeView, nullable: true, description: "The candle's expected low and high" })
  expectedRange: ExpectedRangeView | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Expected ln(high / low) of the candle' }) expectedLogRange: number | null;
}

/** The served model's skill at forecasting variance, against EWMA(0.94), on its walk-forward. */
export class VolatilitySkillView {
  @ApiProperty({ type: Number, nullable: true, description: 'QLIKE of the model; lower is better' }) qlike: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'QLIKE of EWMA(0.94) on the same candles' }) ewmaQlike: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '1 − qlike / ewmaQlike: above 0 beats EWMA' }) skill: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Diebold–Mariano p-value of the two' }) dmPValue: number | null;
}

/** GET /prediction/volatility: the volatility the newest forecast expects, step by step. */
export class VolatilityView {
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the forecast was made' }) madeAt: string;
  @ApiProperty({ description: 'Steps given' }) horizon: number;
  @ApiProperty({ description: 'Candles of this interval in a year (365.25 days): the annualisation factor is its square root' })
  candlesPerYear: number;
  @ApiProperty({ type: ForecastModelView }) model: ForecastModelView;
  @ApiProperty({ type: [VolatilityStepView] }) steps: VolatilityStepView[];
  @ApiProperty({ description: "Step 1's annualized σ: the headline figure" }) annualizedSigma: number;
  @ApiProperty({ type: VolatilitySkillView, nullable: true, description: 'Null when the model has no walk-forward summary' })
  skillVsEwma: VolatilitySkillView | null;
}
