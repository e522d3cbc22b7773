import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { MARKET_LIMITS } from '#libs/domain';
import { QueryIntegerField } from '#libs/http';

const { searchQuery, searchResults } = MARKET_LIMITS;
const Q_MESSAGE = `q must be ${searchQuery.min} to ${searchQuery.max} characters (a symbol, a name, or a Kraken pair such as XBTUSD or XBT/USD)`;

export class SearchQueryDto {
  @ApiProperty({
    example: 'bitcoin',
    minLength: searchQuery.min,
    maxLength: searchQuery.max,
    description: 'Symbol, name, Kraken altname or wsname, case-insensitive; leading and trailing spaces are ignored',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: Q_MESSAGE })
  @Length(searchQuery.min, searchQuery.max, { message: Q_MESSAGE })
  q: string;

  @QueryIntegerField('limit', searchResults, 'The best matches, at most this many')
  limit: number = searchResults.default;
}
