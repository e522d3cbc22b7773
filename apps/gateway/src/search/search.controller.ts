import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SearchQueryDto } from './dto/search-query.dto.js';
import { SearchDto } from './dto/search-result.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('crypto')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Get('search')
  @ApiOkResponse({
    type: SearchDto,
    description: "Tracked assets and Kraken's pairs whose symbol, name, Kraken altname or wsname matches q, case-insensitively, best first",
  })
  @ApiBadRequestResponse({ description: 'q missing, shorter than 2 or longer than 64 characters; limit out of range' })
  search(@Query() query: SearchQueryDto): Promise<SearchDto> {
    return this.searches.search(query);
  }
}
