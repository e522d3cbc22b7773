import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { SymbolPipe } from '../assets/symbol.pipe.js';
import { WatchlistViewDto } from './dto/watchlist-view.dto.js';
import { WatchlistService } from './watchlist.service.js';

const SYMBOL = ApiParam({ name: 'symbol', example: 'BTC', description: 'Case-insensitive' });

@ApiTags('watchlist')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  @Get()
  @ApiOkResponse({ type: WatchlistViewDto, description: "The caller's watched assets, oldest first" })
  list(@CurrentUser() caller: AuthUser): Promise<WatchlistViewDto> {
    return this.watchlist.list(caller.id);
  }

  @Put(':symbol')
  @SYMBOL
  @ApiOkResponse({ type: WatchlistViewDto, description: 'Watched (a second PUT changes nothing); the watchlist after' })
  @ApiBadRequestResponse({ description: 'Not a symbol' })
  @ApiNotFoundResponse({ description: 'Not a tracked asset' })
  watch(@CurrentUser() caller: AuthUser, @Param('symbol', SymbolPipe) symbol: string): Promise<WatchlistViewDto> {
    return this.watchlist.watch(caller.id, symbol);
  }

  @Delete(':symbol')
  @HttpCode(HttpStatus.NO_CONTENT)
  @SYMBOL
  @ApiNoContentResponse({ description: 'No longer watched (or never was)' })
  @ApiBadRequestResponse({ description: 'Not a symbol' })
  @ApiNotFoundResponse({ description: 'Not a known asset' })
  unwatch(@CurrentUser() caller: AuthUser, @Param('symbol', SymbolPipe) symbol: string): Promise<void> {
    return this.watchlist.unwatch(caller.id, symbol);
  }
}
