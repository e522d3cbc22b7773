import { ApiProperty } from '@nestjs/swagger';
import { MATCH_KINDS, type MatchKind } from '../search-ranking.js';

export class SearchResultDto {
  @ApiProperty({ example: 'BTC', description: "The tracked asset's symbol, or the symbol of the pair's base asset" }) symbol: string;
  @ApiProperty({ example: 'Bitcoin', description: 'The name, or the symbol when Candlecast knows no name for it' }) name: string;
  @ApiProperty({ example: 'XBTUSD', description: "Kraken's pair (altname)" }) pair: string;
  @ApiProperty({ type: String, nullable: true, example: 'XBT/USD' }) wsname: string | null;
  @ApiProperty({ example: 'XXBTZUSD' }) krakenKey: string;
  @ApiProperty({ example: 'XXBT' }) base: string;
  @ApiProperty({ example: 'ZUSD' }) quote: string;
  @ApiProperty({ description: 'Whether Candlecast tracks it (an admin may track the others: POST /crypto/assets)' }) tracked: boolean;
  @ApiProperty({ enum: MATCH_KINDS, description: 'exact: a name equals the query; prefix: one starts with it; substring: one contains it' })
  match: MatchKind;
}

export class SearchDto {
  @ApiProperty({ example: 'bitcoin' }) query: string;
  @ApiProperty() count: number;
  @ApiProperty({
    description:
      "false: Kraken's pair list cannot be read right now (Kraken unreachable, nothing cached), and only tracked assets were searched",
  })
  krakenPairs: boolean;
  @ApiProperty({
    type: [SearchResultDto],
    description: 'Best first: exact matches, then prefixes, then substrings; tracked before the others',
  })
  results: SearchResultDto[];
}
