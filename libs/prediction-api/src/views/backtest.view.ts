import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES, MODEL_FAMILIES } from '#libs/domain';
import { BacktestSummaryView } from './backtest-summary.view.js';

/** One horizon step of one origin of a walk-forward, in prices (decimal strings) but σ, PIT and pinball. */
export class BacktestRecordView {
  @ApiProperty({ type: String, format: 'date-time', description: 'Open time of the origin candle (the forecast is made at its close)' })
  originTime: string;
  @ApiProperty({ description: '1: the next candle' }) step: number;
  @ApiProperty({ example: '71323.8' }) lastClose: string;
  @ApiProperty({ type: String, nullable: true, description: 'The close that came; null when it is not in the series' })
  actualClose: string | null;
  @ApiProperty() median: string;
  @ApiProperty({ type: [String], description: 'Prices at the quantile levels 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95' }) quantiles: string[];
  @ApiProperty() lower80: string;
  @ApiProperty() upper80: string;
  @ApiProperty() lower90: string;
  @ApiProperty() upper90: string;
  @ApiProperty() lower95: string;
  @ApiProperty() upper95: string;
  @ApiProperty({ description: 'Standard deviation of the log return to this step' }) sigma: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Probability integral transform of the actual (for the PIT histogram)' })
  pit: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean pinball loss over the quantiles, log-return units' })
  pinball: number | null;
}

/** GET /prediction/backtest: the newest stored walk-forward of a series with a page of its records. */
export class BacktestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: string;
  @ApiProperty({ enum: MODEL_FAMILIES }) family: string;
  @ApiProperty({ enum: ['backtest', 'training', 'tune-trial'], description: "backtest: one an admin ran; training: a model's own" })
  kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The model whose training it was' }) modelId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What it ran with: span, horizon, refit cadence, the family settings',
    example: { from: 1609459200, to: 1704067200, horizon: 7, refitEvery: 30 },
  })
  params: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The job that ran it' }) jobId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: BacktestSummaryView }) summary: BacktestSummaryView;
  @ApiProperty({ description: 'Records matching the query (every page)' }) count: number;
  @ApiProperty({ description: 'Records skipped before this page' }) offset: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The offset of the next page; null on the last' }) nextOffset: number | null;
  @ApiProperty({ type: [BacktestRecordView], description: 'By origin time, then step' }) records: BacktestRecordView[];
}
