import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SymbolPipe } from '../assets/symbol.pipe.js';
import { TickerDto } from './dto/ticker.dto.js';
import { TickerService } from './ticker.service.js';

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('crypto')
export class TickerController {
  constructor(private readonly tickers: TickerService) {}

  @Get('assets/:symbol/ticker')
  @ApiParam({ name: 'symbol', example: 'BTC', description: 'Case-insensitive' })
  @ApiOkResponse({
    type: TickerDto,
    description:
      "Kraken's live ticker, cached in Redis for TICKER_CACHE_TTL seconds (one Kraken call for every tracked pair and every user); " +
      'when Kraken cannot be reached, the last known values with stale: true and their age',
  })
  @ApiBadRequestResponse({ description: 'Not a symbol' })
  @ApiNotFoundResponse({ description: 'Not a tracked asset' })
  @ApiBadGatewayResponse({ description: 'Kraken answered something we cannot read, and no values are known' })
  @ApiServiceUnavailableResponse({ description: 'Kraken cannot be reached and no values are known yet' })
  ticker(@Param('symbol', SymbolPipe) symbol: string): Promise<TickerDto> {
    return this.tickers.ticker(symbol);
  }
}
