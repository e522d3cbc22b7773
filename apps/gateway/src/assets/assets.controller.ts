import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { AssetsService } from './assets.service.js';
import { CreateAssetDto } from './dto/create-asset.dto.js';
import { HistoryQueryDto, IntervalQueryDto } from './dto/history-query.dto.js';
import { KrakenPairsCache } from './kraken-pairs.cache.js';
import { SymbolPipe } from './symbol.pipe.js';

@Controller('crypto')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly krakenPairs: KrakenPairsCache,
  ) {}

  /** Tracked assets with their latest daily close and change. */
  @Get('assets')
  list() {
    return this.assets.list();
  }

  @Post('assets')
  track(@Body() dto: CreateAssetDto) {
    return this.assets.track(dto);
  }

  @Delete('assets/:symbol')
  @HttpCode(HttpStatus.NO_CONTENT)
  untrack(@Param('symbol', SymbolPipe) symbol: string) {
    return this.assets.untrack(symbol);
  }

  @Get('assets/:symbol/history')
  history(@Param('symbol', SymbolPipe) symbol: string, @Query() query: HistoryQueryDto) {
    return this.assets.history(symbol, query);
  }

  @Get('assets/:symbol/latest')
  latest(@Param('symbol', SymbolPipe) symbol: string, @Query() query: IntervalQueryDto) {
    return this.assets.latest(symbol, query.interval);
  }

  /** Every pair Kraken offers (cached). */
  @Get('kraken-assets')
  async krakenAssets() {
    const { pairs, cached } = await this.krakenPairs.pairs();
    return { count: pairs.length, cached, pairs };
  }
}
