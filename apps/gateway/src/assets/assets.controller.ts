import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CaughtUpAfterWritesInterceptor } from '#libs/database';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiResponse,
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
  @ApiBadRequestResponse({
    description:
      'Unknown interval, malformed dates, from after to, limit out of range; last malformed, shorter than one interval, or with from/to',
  })
  @ApiNotFoundResponse({ description: 'Unknown asset' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a page you hold: 304 when it is still current' })
  @ApiHeader({ name: 'Accept-Encoding', required: false, description: 'br or gzip: the page comes compressed' })
  @ApiResponse({ status: 304, description: 'Not modified: the page named by If-None-Match is still current' })
  async history(@Param('symbol', SymbolPipe) symbol: string, @Query() query: HistoryQueryDto, @Req() req: Request, @Res() res: Response) {
    (await this.assets.history(symbol, query)).send(req, res);
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
