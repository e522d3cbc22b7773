import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { CaughtUpAfterWritesInterceptor } from '#libs/database';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators/roles.decorator.js';
import { AssetsService } from './assets.service.js';
import { AssetSummaryDto, HistoryDto, KrakenPairsDto, LatestCandleDto, TrackedAssetDto } from './dto/asset-views.dto.js';
import { CreateAssetDto } from './dto/create-asset.dto.js';
import { HistoryQueryDto, IntervalQueryDto } from './dto/history-query.dto.js';
import { KrakenPairsCache } from './kraken-pairs.cache.js';
import { SymbolPipe } from './symbol.pipe.js';

const SYMBOL = ApiParam({ name: 'symbol', example: 'BTC', description: 'Case-insensitive' });

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
// Their writes change what the gateway caches: answer only once it has seen them (ChangeFeed).
@UseInterceptors(CaughtUpAfterWritesInterceptor)
@Controller('crypto')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly krakenPairs: KrakenPairsCache,
  ) {}

  @Get('assets')
  @ApiOkResponse({ type: [AssetSummaryDto], description: 'Tracked assets with their latest daily close and change' })
  list() {
    return this.assets.list();
  }

  @Post('assets')
  @Roles('admin')
  @ApiCreatedResponse({ type: TrackedAssetDto, description: 'Tracked; a backfill per tracked interval has started' })
  @ApiBadRequestResponse({ description: 'A malformed body, or a pair Kraken does not list' })
  @ApiConflictResponse({ description: 'Already tracked' })
  @ApiServiceUnavailableResponse({ description: 'Kraken cannot be reached right now' })
  track(@Body() dto: CreateAssetDto) {
    return this.assets.track(dto);
  }

  @Delete('assets/:symbol')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @SYMBOL
  @ApiNoContentResponse({ description: 'No longer tracked or synced; its candles stay' })
  @ApiNotFoundResponse({ description: 'Not a tracked asset' })
  untrack(@Param('symbol', SymbolPipe) symbol: string) {
    return this.assets.untrack(symbol);
  }

  @Get('assets/:symbol/history')
  @SYMBOL
  @ApiOkResponse({ type: HistoryDto, description: 'Candles, oldest first' })
  @ApiBadRequestResponse({ description: 'Unknown interval, malformed dates, from after to, limit out of range' })
  @ApiNotFoundResponse({ description: 'Unknown asset' })
  history(@Param('symbol', SymbolPipe) symbol: string, @Query() query: HistoryQueryDto) {
    return this.assets.history(symbol, query);
  }

  @Get('assets/:symbol/latest')
  @SYMBOL
  @ApiOkResponse({ type: LatestCandleDto })
  @ApiBadRequestResponse({ description: 'Unknown interval' })
  @ApiNotFoundResponse({ description: 'Unknown asset, or no candle of that interval yet' })
  latest(@Param('symbol', SymbolPipe) symbol: string, @Query() query: IntervalQueryDto) {
    return this.assets.latest(symbol, query.interval);
  }

  @Get('kraken-assets')
  @ApiOkResponse({ type: KrakenPairsDto, description: 'Every pair Kraken offers (cached in Redis)' })
  @ApiServiceUnavailableResponse({ description: 'Kraken cannot be reached and nothing is cached' })
  async krakenAssets() {
    const { pairs, cached } = await this.krakenPairs.read();
    return { count: pairs.length, cached, pairs };
  }
}
