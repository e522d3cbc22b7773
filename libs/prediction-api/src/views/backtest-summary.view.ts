import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_LEVELS } from '#libs/domain';

const CI95 = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 2,
  nullable: true,
  description: '95% confidence interval [low, high]; null when it cannot be computed',
} as const;

/** MAE of the median over the naive forecast's, one step ahead. */
export class RelMaeView {
  @ApiProperty({ type: Number, nullable: true, description: 'Below 1 beats "next close = last close"; `mase` is its alias' })
  value: number | null;
  @ApiProperty({ ...CI95, description: 'Moving-block bootstrap 95% CI' }) ci95: [number, number] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Diebold–Mariano test (HLN correction) against the naive forecast' })
  dmPValue: number | null;
}

export class HitRateView {
  @ApiProperty({ type: Number, nullable: true, description: 'Share of right directions among forecasts that called a move' })
  value: number | null;
  @ApiProperty({ ...CI95, description: 'Wilson 95% CI' }) ci95: [number, number] | null;
  @ApiProperty({ description: 'Forecasts that called a move' }) samples: number;
  @ApiProperty({ type: Number, nullable: true, description: "Pesaran–Timmermann test's p-value" }) ptPValue: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of up moves (what "always up" would score)' }) upShare: number | null;
}

export class CoverageLevelView {
  @ApiProperty({ enum: INTERVAL_LEVELS, description: 'Nominal coverage, percent' }) level: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of actuals inside the interval, 0 to 1' }) value: number | null;
  @ApiProperty({ ...CI95, description: 'Binomial (Wilson) 95% CI' }) ci95: [number, number] | null;
  @ApiProperty({ type: Number, nullable: true, description: "Christoffersen's independence test of the misses" })
  christoffersenP: number | null;
}

export class QlikeView {
  @ApiProperty({ type: Number, nullable: true, description: "QLIKE of the model's variance forecast; lower is better" })
  model: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'QLIKE of EWMA(0.94) on the same candles' }) ewma: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Diebold–Mariano p-value of the two' }) dmPValue: number | null;
}

/** The figures of a walk-forward over a span (all of it, or one 365-candle segment). */
export class BacktestFiguresView {
  @ApiProperty({ description: 'Origins with a known next close' }) samples: number;
  @ApiProperty({ description: 'Unix seconds: open time of the first candle forecast one step ahead' }) from: number;
  @ApiProperty({ description: 'Unix seconds: open time of the last' }) to: number;
  @ApiProperty({ type: RelMaeView }) relMae: RelMaeView;
  @ApiProperty({ type: HitRateView }) hitRate: HitRateView;
  @ApiProperty({ type: [CoverageLevelView], description: 'One step ahead, one per level 80, 90, 95' }) coverage: CoverageLevelView[];
  @ApiProperty({ type: 'array', items: { type: 'number', nullable: true }, description: '90% coverage at each horizon step' })
  coverage90ByStep: (number | null)[];
  @ApiProperty({ type: Number, nullable: true, description: 'Winkler score of the 90% interval, log-return units; lower is better' })
  winkler90: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean pinball loss over the quantiles (≈ CRPS / 2), log-return units' })
  pinball: number | null;
  @ApiProperty({ type: 'array', items: { type: 'number', nullable: true }, description: 'Pinball loss per quantile level' })
  pinballByQuantile: (number | null)[];
  @ApiProperty({ type: QlikeView }) qlike: QlikeView;
  @ApiProperty({ type: Number, nullable: true, description: 'R² out of sample of the median log return against the zero forecast' })
  r2Returns: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'R² of ln(expected range) for ln(high / low)' }) r2LogRange: number | null;
}

/** A walk-forward's summary: the figures over the whole span and per 365-candle segment. */
export class BacktestSummaryView extends BacktestFiguresView {
  @ApiProperty({ type: [BacktestFiguresView], description: 'Consecutive 365-candle segments, oldest first (the last may be shorter)' })
  segments: BacktestFiguresView[];
}
