import { Inject, Injectable, Logger } from '@nestjs/common';
import { AssetRepository, CandleRepository, AdvisoryLockRepository, LOCKS } from '#libs/database';
import type { IntervalCode } from '#libs/domain';
import { MARKET_DATA_PROVIDER, type MarketDataProvider } from '#libs/market-data';
import type { BackfillPayload, SyncPayload, SyncResult } from '#libs/queue';

/** Kraken serves at most this many candles per OHLC call: its most recent ones. */
const KRAKEN_PAGE = 720;
const MAX_REQUESTS_PER_JOB = 10;

/**
 * Brings candles from the exchange into Postgres. Each page is written in one statement,
 * so an interrupted run leaves whole pages only, and a re-run continues where it stopped.
 */
@Injectable()
export class CandleIngestService {
  private readonly logger = new Logger(CandleIngestService.name);

  constructor(
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly locks: AdvisoryLockRepository,
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
  ) {}

  /** Incremental: from the newest stored candle on. */
  sync({ asset, interval }: SyncPayload): Promise<SyncResult> {
    return this.ingest(asset, interval, 'last-stored');
  }

  /** Everything the exchange still serves from `since` on (by default, as far back as it goes). */
  backfill({ asset, interval, since }: BackfillPayload): Promise<SyncResult> {
    return this.ingest(asset, interval, since ?? 0);
  }

  private async ingest(symbol: string, interval: IntervalCode, from: number | 'last-stored'): Promise<SyncResult> {
    const asset = await this.assets.require(symbol);
    const summary: SyncResult = { asset: asset.symbol, interval, requests: 0, received: 0, inserted: 0, updated: 0, lastCandleTime: null };

    const outcome = await this.locks.withLock(...LOCKS.ingestion(asset.id, interval), async () => {
      const newestStored = from === 'last-stored' ? await this.candles.lastTime(asset.id, interval) : undefined;
      let since = from === 'last-stored' ? newestStored : from;
      for (;;) {
        const page = await this.provider.candles(asset.krakenKey, interval, since);
        const written = await this.candles.upsert(asset.id, interval, page.candles);
        summary.requests += 1;
        summary.received += page.candles.length;
        summary.inserted += written.inserted;
        summary.updated += written.updated;
        // A full page may have more after it; Kraken's `last` is where the next one starts.
        const more = page.candles.length >= KRAKEN_PAGE - 1 && page.last > (since ?? 0);
        if (!more || summary.requests >= MAX_REQUESTS_PER_JOB) break;
        since = page.last;
      }
      // Nothing written after reading the newest stored candle: it is still the newest (the no-op sync, most syncs).
      const unchanged = from === 'last-stored' && summary.inserted + summary.updated === 0;
      summary.lastCandleTime = (unchanged ? newestStored : await this.candles.lastTime(asset.id, interval)) ?? null;
    });

    if (!outcome.locked) {
      return { ...summary, skipped: `another ingestion of ${asset.symbol} ${interval} is running` };
    }
    const level = summary.inserted + summary.updated > 0 ? 'log' : 'debug';
    this.logger[level](
      `${asset.symbol} ${interval}: ${summary.inserted} new, ${summary.updated} updated of ${summary.received} closed candles received`,
    );
    return summary;
  }
}
