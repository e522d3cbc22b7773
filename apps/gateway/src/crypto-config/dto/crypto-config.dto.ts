import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARE_MODES, INTERVAL_CODES, MARKET_FORMATS, MARKET_ORDER_BY, SORT_ORDERS, type IntervalCode } from '#libs/domain';

export class IntervalInfoDto {
  @ApiProperty({ enum: INTERVAL_CODES, example: '1h' }) code: IntervalCode;
  @ApiProperty({ example: 60 }) minutes: number;
  @ApiProperty({ example: 3600 }) seconds: number;
  @ApiProperty({ description: 'Whether the worker keeps this interval synced for every tracked asset (TRACKED_INTERVALS)' })
  tracked: boolean;
}

export class SeriesSpanDto {
  @ApiProperty({ enum: INTERVAL_CODES, example: '1d' }) interval: IntervalCode;
  @ApiProperty({ example: '2013-10-06T00:00:00.000Z', description: 'Open time of the first candle' }) first: string;
  @ApiProperty({ example: '2024-12-31T00:00:00.000Z', description: 'Open time of the last candle' }) last: string;
  @ApiProperty({ example: 4100 }) count: number;
}

export class ConfigAssetDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ example: 'Bitcoin' }) name: string;
  @ApiProperty({ example: 'XBTUSD' }) pair: string;
  @ApiProperty({ example: 'ZUSD' }) quote: string;
  @ApiProperty({ type: [SeriesSpanDto], description: 'The intervals it has candles of, finest first' }) intervals: SeriesSpanDto[];
}

export class DataSourceDto {
  @ApiProperty({ example: 'kraken' }) name: string;
  @ApiPropertyOptional({ example: 'https://api.kraken.com' }) url?: string;
  @ApiProperty({ example: 'ohlc+ticker' }) kind: string;
  @ApiProperty() description: string;
}

export class CryptoConfigDto {
  @ApiProperty({ type: [IntervalInfoDto], description: 'Every interval the API takes, finest first' }) intervals: IntervalInfoDto[];
  @ApiProperty({ type: [ConfigAssetDto] }) assets: ConfigAssetDto[];
  @ApiProperty({ type: [DataSourceDto] }) sources: DataSourceDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Each limited parameter: { min, default?, max } or its own shape (historyLast: units and maxMinutes; tickerCacheTtl: seconds; alerts: rulesPerUser and webhooksPerUser)',
  })
  limits: Record<string, unknown>;
  @ApiProperty({ enum: MARKET_ORDER_BY, isArray: true }) marketOrderBy: string[];
  @ApiProperty({ enum: SORT_ORDERS, isArray: true }) sortOrders: string[];
  @ApiProperty({ enum: MARKET_FORMATS, isArray: true }) marketFormats: string[];
  @ApiProperty({ enum: COMPARE_MODES, isArray: true }) compareModes: string[];
  @ApiProperty({ example: 10, description: 'Seconds the live ticker is cached (TICKER_CACHE_TTL)' }) tickerCacheTtl: number;
}
