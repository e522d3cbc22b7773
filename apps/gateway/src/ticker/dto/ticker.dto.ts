import { ApiProperty } from '@nestjs/swagger';

/** Kraken's live ticker of one tracked pair; prices and volumes are decimal strings exactly as Kraken wrote them. */
export class TickerDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ example: 'XBTUSD', description: "Kraken's pair (altname)" }) pair: string;
  @ApiProperty({ example: '19107.00000', description: 'Price of the last trade' }) last: string;
  @ApiProperty({ example: '19106.90000' }) bid: string;
  @ApiProperty({ example: '19107.00000' }) ask: string;
  @ApiProperty({ example: '3474.48744316', description: 'Volume over the last 24 hours, in the base asset' }) volume24h: string;
  @ApiProperty({ example: '18883.43842', description: 'Volume-weighted average price over the last 24 hours' }) vwap24h: string;
  @ApiProperty({ example: '19175.00000' }) high24h: string;
  @ApiProperty({ example: '18511.00000' }) low24h: string;
  @ApiProperty({ example: '18655.00000', description: "Today's opening price (Kraken's day starts at 00:00 UTC)" }) open: string;
  @ApiProperty({ example: 20848, description: 'Trades over the last 24 hours' }) trades24h: number;
  @ApiProperty({ example: '2024-03-01T12:00:03.000Z', description: 'When Kraken gave these values' }) fetchedAt: string;
  @ApiProperty({ example: 3, description: 'Whole seconds since fetchedAt' }) ageSeconds: number;
  @ApiProperty({
    example: false,
    description: 'true: Kraken cannot be reached right now (or is slow to answer), and these are the last values it gave',
  })
  stale: boolean;
}
