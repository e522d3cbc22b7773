import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CandleRepository, CHANGE_CHANNELS, ChangeFedCache, ChangeFeed, type AssetEntity } from '#libs/database';
import { intervalMinutes, normalizeSymbol, parseSpan } from '#libs/domain';
import { SeriesResolver } from '../market-series/series.resolver.js';
import { CompressedJson } from './compressed-json.js';
import type { HistoryQueryDto } from './dto/history-query.dto.js';
import type { HistoryView } from './assets.service.js';

/** Bytes of pages kept: the full daily history of an asset takes about 1 MB (JSON and gzip). */
const PAGES_MAX_BYTES = 64 * 1024 * 1024;
const TTL_MS = 60 * 60_000;
/** Changes with the JSON's shape, so that no client revalidates a page of another shape. */
const PAGE_FORMAT = '1';
/** `from` when none is given: the first candle. */
const FIRST = new Date(0);

/**
 * The pages of GET /crypto/assets/:symbol/history, kept serialised and compressed until
 * Postgres notifies that a candle of their series changed (ChangeFeed, channel `candles`). Their
 * ETag is the series' version and the query, read with the candles.
 */
@Injectable()
export class HistoryPagesCache implements OnModuleDestroy {
  private readonly logger = new Logger(HistoryPagesCache.name);
  private readonly pages: ChangeFedCache<CompressedJson>;
  /** Brotli runs here, one page at a time, so that it takes one thread of the pool at most. */
  private brotliLane: Promise<void> = Promise.resolve();
  private readonly brotliQueued = new WeakSet<CompressedJson>();
  private stopped = false;

  constructor(
    feed: ChangeFeed,
    private readonly assets: SeriesResolver,
    private readonly candles: CandleRepository,
  ) {
    this.pages = new ChangeFedCache(
      feed,
      CHANGE_CHANNELS.candles,
      { maxSize: PAGES_MAX_BYTES, sizeOf: (page) => page.size, ttlMs: TTL_MS, shareLoads: true },
      (payload, key) => payload.split(',').includes(key.slice(0, key.indexOf('|'))),
    );
  }

  /** The page `query` asks for; UnknownAssetError when there is no such asset. */
  async read(symbol: string, query: HistoryQueryDto): Promise<CompressedJson> {
    const asset = await this.assets.require(normalizeSymbol(symbol));
    // The series first: a notification names it, and invalidates every page that starts with it.
    const range =
      query.last === undefined ? `${(query.from ?? FIRST).toISOString()}|${query.to?.toISOString() ?? ''}` : `last=${query.last}`;
    const key = `${asset.id}:${intervalMinutes(query.interval)}|${range}|${query.limit}`;
    const page = (await this.pages.get(key, () => this.load(key, asset, query)))!;
    if (page.needsBrotli && this.pages.holds(key, page)) this.brotliLater(key, page);
    return page;
  }

  /** Lets the brotli under way finish (a second or so) and drops the rest, so that no thread outlives the app. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.brotliLane;
  }

  private async load(key: string, asset: AssetEntity, query: HistoryQueryDto): Promise<CompressedJson> {
    const { version, view } = query.last === undefined ? await this.loadRange(asset, query) : await this.loadSpan(asset, query, query.last);
    const query16 = createHash('sha256').update(`${PAGE_FORMAT}|${key}`).digest('base64url').slice(0, 16);
    return CompressedJson.of(view, `W/"${version}-${query16}"`);
  }

  /** `last`: the newest span; `next` is where the candles it left out start (the span's oldest). */
  private async loadSpan(asset: AssetEntity, query: HistoryQueryDto, last: string): Promise<{ version: string; view: HistoryView }> {
    const { version, candles, leftOutFrom } = await this.candles.versionedNewestSpan({
      assetId: asset.id,
      interval: query.interval,
      spanMinutes: parseSpan(last)!,
      limit: query.limit,
    });
    return { version, view: { symbol: asset.symbol, interval: query.interval, count: candles.length, candles, next: leftOutFrom } };
  }

  private async loadRange(asset: AssetEntity, query: HistoryQueryDto): Promise<{ version: string; view: HistoryView }> {
    // One more than asked tells whether a next page exists.
    const { version, candles } = await this.candles.versionedHistory({
      assetId: asset.id,
      interval: query.interval,
      from: query.from ?? FIRST,
      to: query.to,
      limit: query.limit + 1,
    });
    const page = candles.slice(0, query.limit);
    const view: HistoryView = {
      symbol: asset.symbol,
      interval: query.interval,
      count: page.length,
      candles: page,
      next: candles.length > query.limit ? candles[query.limit].time : null,
    };
    return { version, view };
  }

  private brotliLater(key: string, page: CompressedJson): void {
    if (this.brotliQueued.has(page)) return;
    this.brotliQueued.add(page);
    this.brotliLane = this.brotliLane.then(async () => {
      // Replaced or invalidated while it waited: nobody will be sent it.
      if (this.stopped || !page.needsBrotli || !this.pages.holds(key, page)) return;
      await page.brotli().catch((error: Error) => this.logger.warn(`brotli failed for a history page: ${error.message}`));
    });
  }
}
