import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTERVAL_CODES, type IntervalCode } from '#libs/domain';

/** Prices and volumes are decimal strings, exactly as Kraken wrote them. */
export class CandleDto {
  @ApiProperty({ example: '2024-03-31T00:00:00.000Z', description: 'Open time (UTC)' })
  time: string;
  @ApiProperty({ example: '69652.0' }) open: string;
  @ApiProperty({ example: '71323.9' }) high: string;
  @ApiProperty({ example: '69600.0' }) low: string;
  @ApiProperty({ example: '71323.8' }) close: string;
  @ApiProperty({ type: String, nullable: true, description: "Volume-weighted average price; null for candles from Kraken's CSV downloads" })
  vwap: string | null;
  @ApiProperty({ example: '2193.21235272' }) volume: string;
  @ApiProperty({ example: 35426 }) trades: number;
}

export class AssetSummaryDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ example: 'Bitcoin' }) name: string;
  @ApiProperty({ example: 'XBTUSD' }) krakenPair: string;
  @ApiProperty({ example: 'XXBT' }) base: string;
  @ApiProperty({ example: 'ZUSD' }) quote: string;
  @ApiProperty({ type: String, nullable: true, description: 'Close of the latest daily candle' }) lastClose: string | null;
  @ApiProperty({ type: String, nullable: true }) previousClose: string | null;
  @ApiProperty({ type: String, nullable: true }) change: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent, 4 decimals' }) changePercent: number | null;
  @ApiProperty({ type: Date, nullable: true }) lastCandleTime: Date | null;
  @ApiProperty({ enum: INTERVAL_CODES, isArray: true, example: ['1h', '1d'], description: 'The intervals it has candles of, finest first' })
  intervals: IntervalCode[];
}

export class HistoryDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: IntervalCode;
  @ApiProperty() count: number;
  @ApiProperty({ type: [CandleDto] }) candles: CandleDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as `from` for the next page; null at the end. With `last`: the open time of the oldest candle of the span that `limit` left out ' +
      '(the left-out candles are those from `next` to just before this page), null when the page holds the whole span',
  })
  next: string | null;
}

export class LatestCandleDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: IntervalCode;
  @ApiProperty({ type: CandleDto }) candle: CandleDto;
}

export class BackfillJobDto {
  @ApiProperty() jobId: string;
  @ApiProperty({ enum: INTERVAL_CODES }) interval: IntervalCode;
}

export class TrackedAssetDto {
  @ApiProperty({ example: 'SOL' }) symbol: string;
  @ApiProperty({ example: 'Solana' }) name: string;
  @ApiProperty({ example: 'SOLUSD' }) krakenPair: string;
  @ApiProperty({ example: 'SOLUSD' }) krakenKey: string;
  @ApiProperty({ example: 'SOL' }) base: string;
  @ApiProperty({ example: 'ZUSD' }) quote: string;
  @ApiProperty({ type: [BackfillJobDto] }) backfillJobs: BackfillJobDto[];
}

export class KrakenPairDto {
  @ApiProperty({ example: 'XXBTZUSD' }) key: string;
  @ApiProperty({ example: 'XBTUSD' }) altname: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'XBT/USD' }) wsname: string | null;
  @ApiProperty({ example: 'XXBT' }) base: string;
  @ApiProperty({ example: 'ZUSD' }) quote: string;
  @ApiProperty() pairDecimals: number;
  @ApiProperty() lotDecimals: number;
  @ApiProperty({ type: String, nullable: true }) orderMin: string | null;
}

export class KrakenPairsDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Whether the list came from the Redis cache' }) cached: boolean;
  @ApiProperty({ type: [KrakenPairDto] }) pairs: KrakenPairDto[];
}
