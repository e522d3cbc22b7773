import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES, RETURN_CONVENTIONS, type IntervalCode } from '#libs/domain';

export class HistogramBinDto {
  @ApiProperty({ example: -0.2 }) from: number;
  @ApiProperty({ example: -0.19, description: 'Exclusive, but for the last bin' }) to: number;
  @ApiProperty() count: number;
}

export class DistributionDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Null without returns' }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Sample standard deviation (n − 1); null with fewer than 2 returns' }) sd:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Adjusted Fisher–Pearson G1; null with fewer than 3 returns or no spread' })
  skew: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Excess kurtosis, bias-adjusted G2; null with fewer than 4 returns or no spread',
  })
  kurtosis: number | null;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty({ type: [HistogramBinDto] }) histogram: HistogramBinDto[];
}

export class TimeValueDto {
  @ApiProperty({ example: '2024-01-31T00:00:00.000Z' }) time: string;
  @ApiProperty() value: number;
}

export class VolatilityDto {
  @ApiProperty({ type: Number, nullable: true, description: 'sd × √(365 × candles per day)' }) annualised: number | null;
  @ApiProperty({ description: 'Returns in each rolling value' }) window: number;
  @ApiProperty({ type: [TimeValueDto], description: 'The annualised sd of each `window` consecutive returns, at the last of them' })
  rolling: TimeValueDto[];
}

export class CloseAtDto {
  @ApiProperty({ example: '2021-11-08T00:00:00.000Z' }) time: string;
  @ApiProperty({ example: '67566.8', description: 'As stored' }) close: string;
}

export class DrawdownDto {
  @ApiProperty({ example: -0.77, description: 'close / running peak − 1 at the deepest point; 0 when it never fell' }) max: number;
  @ApiProperty({ type: CloseAtDto, nullable: true }) peak: CloseAtDto | null;
  @ApiProperty({ type: CloseAtDto, nullable: true }) trough: CloseAtDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first close back at the peak’s or above after the trough; null if none yet',
  })
  recovered: string | null;
  @ApiProperty({ type: [TimeValueDto], description: 'close / running peak − 1 at every candle' }) series: TimeValueDto[];
}

export class CandleReturnDto {
  @ApiProperty({ example: '2020-03-12T00:00:00.000Z', description: 'Open time of the candle whose close ends the return' }) time: string;
  @ApiProperty({ example: -0.46 }) return: number;
}

export class StatsViewDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: IntervalCode;
  @ApiProperty({ description: 'Open time of the first candle used' }) from: string;
  @ApiProperty({ description: 'Open time of the last candle used' }) to: string;
  @ApiProperty() candles: number;
  @ApiProperty({ description: 'Returns between candles exactly one interval apart' }) returns: number;
  @ApiProperty({ example: RETURN_CONVENTIONS }) conventions: string;
  @ApiProperty({ type: DistributionDto }) distribution: DistributionDto;
  @ApiProperty({ type: VolatilityDto }) volatility: VolatilityDto;
  @ApiProperty({ type: DrawdownDto }) drawdown: DrawdownDto;
  @ApiProperty({ type: [CandleReturnDto], description: 'The largest returns, largest first' }) best: CandleReturnDto[];
  @ApiProperty({ type: [CandleReturnDto], description: 'The smallest returns, smallest first' }) worst: CandleReturnDto[];
}

export class CorrelationViewDto {
  @ApiProperty({ enum: INTERVAL_CODES }) interval: IntervalCode;
  @ApiProperty({ description: 'The first shared time used' }) from: string;
  @ApiProperty({ description: 'The last shared time used' }) to: string;
  @ApiProperty({ type: [String], example: ['BTC', 'ETH'] }) symbols: string[];
  @ApiProperty({ description: 'Shared returns: between shared times exactly one interval apart' }) returns: number;
  @ApiProperty() method: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'number', nullable: true } },
    description: 'matrix[i][j]: Pearson r of symbols i and j; null for a series without spread',
  })
  matrix: (number | null)[][];
}
