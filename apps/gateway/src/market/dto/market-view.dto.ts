import { ApiProperty } from '@nestjs/swagger';
import { INTERVAL_CODES, type IntervalCode } from '#libs/domain';

/** Prices and volumes are decimal strings (as stored, or computed exactly by Postgres); changes are numbers. */
export class MarketRowDto {
  @ApiProperty({ example: 1, description: 'By 24 h quote volume in USD, in the whole table (a pair without USD volume comes last)' })
  rank: number;
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ example: 'Bitcoin' }) name: string;
  @ApiProperty({ example: 'XBTUSD', description: "Kraken's altname of the pair" }) pair: string;
  @ApiProperty({ example: 'USD', description: 'The quote currency' }) quote: string;
  @ApiProperty({
    example: '61198.3',
    description: 'Close of the newest candle closed by the time asked (open + interval ≤ datetime), in the quote',
  })
  price: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '61198.3',
    description:
      'The price in USD; for a non-USD quote, times the close of the tracked USD pair of that quote at the same time; null without one',
  })
  priceUsd: string | null;
  @ApiProperty({ example: '2024-02-29T23:00:00.000Z', description: 'Open time of the candle whose close is the price' })
  priceTime: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2.31,
    description: 'Percent, against the newest close 24 h before; null without one',
  })
  change24h: number | null;
  @ApiProperty({ type: Number, nullable: true, example: -1.2 }) change7d: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 44.9 }) change30d: number | null;
  @ApiProperty({ example: '3123.4567', description: 'Base volume of the candles that closed in the 24 h up to the price' })
  volume24h: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '190000000.12',
    description: 'Their quote volume in USD, to the cent; null without a USD rate',
  })
  quoteVolume24h: string | null;
  @ApiProperty({
    enum: ['vwap', 'typical', 'mixed'],
    description: 'vwap: every candle had Kraken’s VWAP; typical: none had (CSV imports), (H+L+C)/3 was used; mixed: some had',
  })
  quoteVolumeSource: 'vwap' | 'typical' | 'mixed';
}

export class MarketViewDto {
  @ApiProperty({ example: '2024-03-01T00:00:00.000Z', description: 'The time the table is as of: the newest close of its rows' })
  asOf: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-03-01T00:30:00.000Z', description: 'The datetime asked; null for now' })
  requested: string | null;
  @ApiProperty({ enum: INTERVAL_CODES, example: '1h', description: 'The one source interval of every row' })
  interval: IntervalCode;
  @ApiProperty({ example: 2, description: 'Rows in this answer' }) count: number;
  @ApiProperty({ example: 2, description: 'Rows in the whole table at that time' }) total: number;
  @ApiProperty({ example: 'VWAP × volume where Kraken gave a VWAP, else the typical price (H+L+C)/3 × volume' }) quoteVolume: string;
  @ApiProperty({ type: [MarketRowDto] }) rows: MarketRowDto[];
}
