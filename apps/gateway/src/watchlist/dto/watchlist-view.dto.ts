import { ApiProperty } from '@nestjs/swagger';

export class WatchedAssetDto {
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ example: 'Bitcoin' }) name: string;
  @ApiProperty({ example: 'XBTUSD', description: "Kraken's altname of the pair" }) pair: string;
  @ApiProperty({ description: 'Still tracked: an admin may have stopped tracking it since' }) tracked: boolean;
  @ApiProperty({ example: '2026-12-02T15:00:00.000Z' }) addedAt: string;
}

export class WatchlistViewDto {
  @ApiProperty({ example: 1 }) count: number;
  @ApiProperty({ type: [WatchedAssetDto], description: 'Oldest first' }) assets: WatchedAssetDto[];
}
