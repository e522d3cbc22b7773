import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_LEVELS, MODEL_FAMILIES, QUANTILE_LEVELS } from '#libs/domain';

const CI95 = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, nullable: true } as const;

export class QuantileView {
  @ApiProperty({ enum: QUANTILE_LEVELS, example: 0.05, description: 'Probability level' }) q: number;
  @ApiProperty({ example: '69880.4', description: 'The price the close falls below with that probability (decimal string)' })
  price: string;
}

export class PriceIntervalView {
  @ApiProperty({ enum: INTERVAL_LEVELS, description: 'Nominal coverage, percent' }) level: number;
  @ApiProperty({ example: '69120.5' }) lower: string;
  @ApiProperty({ example: '74010.2' }) upper: string;
}

export class ExpectedRangeView {
  @ApiProperty({ example: '70100.0', description: "The candle's expected low" }) low: string;
  @ApiProperty({ example: '72550.0', description: "The candle's expected high" }) high: string;
}

/** How the served median compares with the naive forecast on its walk-forward (T1). */
export class EdgeView {
  @ApiProperty({
    enum: ['none', 'better', 'worse'],
    description: '"none" unless a Diebold–Mariano test at 5% on the walk-forward supports a claim either way',
  })
  vsNaive: 'none' | 'better' | 'worse';
  @ApiProperty({ type: Number, nullable: true, description: "MAE over the naive forecast's, one step ahead" }) relMae: number | null;
  @ApiProperty({ ...CI95, description: 'Its 95% block-bootstrap CI' }) ci95: [number, number] | null;
  @ApiProperty({ type: Number, nullable: true }) dmPValue: number | null;
  @ApiProperty({ description: 'Walk-forward origins it was judged on (0: none yet)' }) samples: number;
}

/** Realized coverage of the model's intervals, from its calibration state (one step ahead). */
export class CalibrationView {
  @ApiProperty({ type: Number, nullable: true, description: 'Share of the newest realized actuals inside the 80% interval' })
  coverage80: number | null;
  @ApiProperty({ type: Number, nullable: true }) coverage90: number | null;
  @ApiProperty({ type: Number, nullable: true }) coverage95: number | null;
  @ApiProperty({ description: 'How many realized forecasts the shares are over' }) window: number;
  @ApiProperty({ example: 'normalized-conformal-aci' }) method: string;
}

/** The model a forecast came from. */
export class ForecastModelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ enum: MODEL_FAMILIES }) family: string;
  @ApiProperty({ description: 'An admin pinned it as the served model of its series' }) pinned: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Newest candle it learned from' }) trainedTo:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was trained' }) trainedAt: string;
}
