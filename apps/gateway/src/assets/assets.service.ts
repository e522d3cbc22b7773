import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository, CandleRepository, type AssetSummary, type NewAsset, type StoredCandle } from '#libs/database';
import {
  AssetAlreadyTrackedError,
  AssetTrackedBeforeError,
  BackwardsRangeError,
  intervalMinutes,
  parseSpan,
  UnknownAssetError,
  type IntervalCode,
} from '#libs/domain';
import { AssetResolver } from '#libs/market-data';
import { JobName, JobProducer, AssetScheduler } from '#libs/queue';
import type { CreateAssetDto } from './dto/create-asset.dto.js';
import type { CompressedJson } from './compressed-json.js';
import type { HistoryQueryDto } from './dto/history-query.dto.js';
import { HistoryPagesCache } from './history-pages.cache.js';

export interface HistoryView {
  symbol: string;
  interval: IntervalCode;
  count: number;
  candles: StoredCandle[];
  /**
   * Pass as `from` to read the next page; null when this page reaches the end. With `last`: the
   * open time of the span's oldest candle when `limit` left some out (they come before this page), else null.
   */
  next: string | null;
}

@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly resolver: AssetResolver,
    private readonly producer: JobProducer,
    private readonly scheduler: AssetScheduler,
    private readonly historyPages: HistoryPagesCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): Promise<AssetSummary[]> {
    return this.assets.summaries();
  }

  /**
   * Tracks a Kraken pair: checked against Kraken's AssetPairs (the cached list), backfilled, then
   * kept fresh. A pair tracked before is tracked again under its old symbol only, with its candles.
   */
  async track(dto: CreateAssetDto) {
    const existing = await this.assets.findBySymbol(dto.symbol);
    if (existing?.tracked) throw new AssetAlreadyTrackedError(existing.symbol);
    // Tracked again without a pair: the pair it had, not the symbol's default.
    const resolved = await this.resolver.resolve(dto.symbol, dto.pair ?? existing?.krakenKey, dto.name);
    const asset = (await this.assets.trackPair(resolved, dto.name)) ?? (await this.refusal(resolved));
    const backfills = await Promise.all(
      this.config.TRACKED_INTERVALS.map((interval) => this.producer.enqueue(JobName.Backfill, { asset: asset.symbol, interval })),
    );
    await this.scheduler.schedule(asset.symbol);
    return {
      symbol: asset.symbol,
      name: asset.name,
      krakenPair: asset.krakenAltname,
      krakenKey: asset.krakenKey,
      base: asset.base,
      quote: asset.quote,
      backfillJobs: backfills.map((job, i) => ({ jobId: job.id, interval: this.config.TRACKED_INTERVALS[i] })),
    };
  }

  /** Why trackPair wrote nothing, as read now (another admin may have just tracked either one). */
  private async refusal(wanted: NewAsset): Promise<never> {
    const bySymbol = await this.assets.findBySymbol(wanted.symbol);
    const byPair = await this.assets.findByKrakenKey(wanted.krakenKey);
    if (byPair && byPair.symbol !== bySymbol?.symbol) {
      throw byPair.tracked
        ? new AssetAlreadyTrackedError(byPair.symbol, wanted.krakenAltname)
        : AssetTrackedBeforeError.pair(wanted.krakenAltname, byPair.symbol);
    }
    if (bySymbol && !bySymbol.tracked && bySymbol.krakenKey !== wanted.krakenKey) {
      throw AssetTrackedBeforeError.symbol(bySymbol.symbol, bySymbol.krakenAltname, wanted.krakenAltname);
    }
    throw new AssetAlreadyTrackedError(wanted.symbol);
  }

  async untrack(symbol: string): Promise<void> {
    if (!(await this.assets.untrack(symbol))) throw new UnknownAssetError(symbol);
    await this.scheduler.unschedule(symbol);
  }

  /** The page of candles `query` asks for, serialised and compressed (kept until one of them changes). */
  history(symbol: string, query: HistoryQueryDto): Promise<CompressedJson> {
    BackwardsRangeError.check(query);
    if (query.last !== undefined) {
      if (query.from || query.to) throw new BadRequestException('last cannot be combined with from or to: it is the newest span');
      if (parseSpan(query.last)! < intervalMinutes(query.interval)) {
        throw new BadRequestException(`last=${query.last} is shorter than one ${query.interval} candle`);
      }
    }
    return this.historyPages.read(symbol, query);
  }

  async latest(symbol: string, interval: IntervalCode) {
    const asset = await this.assets.require(symbol);
    const candle = await this.candles.latest(asset.id, interval);
    if (!candle) throw new NotFoundException(`No ${interval} candles are stored for ${asset.symbol} yet`);
    return { symbol: asset.symbol, interval, candle };
  }
}
