import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AdvisoryLockRepository, AssetRepository, CandleRepository, LOCKS } from '#libs/database';
import type { IntervalCode } from '#libs/domain';
import { AssetResolver, CandleImporter, KNOWN_ASSETS } from '#libs/market-data';
import { Metrics } from '#libs/observability';
import { AssetScheduler, syncPeriodSeconds } from '#libs/queue';
import { ModelOnboarding } from '../models/model-onboarding.service.js';

/** The history that ships with Candlecast: real Kraken daily candles (see data/history/SOURCES.md). */
const SHIPPED_HISTORY: Record<string, { file: string; interval: IntervalCode }> = {
  BTC: { file: 'kraken-XBTUSD-1440.csv', interval: '1d' },
  ETH: { file: 'kraken-ETHUSD-1440.csv', interval: '1d' },
};

/**
 * On start: makes sure every asset in TRACKED_ASSETS exists (once: an admin's later
 * DELETE stands), loads the shipped history into an empty database, keeps the schedulers of
 * every tracked asset and interval, and has each family trained wherever it has no model
 * (ModelOnboarding: baselines first, in seconds; the LSTM after), so that forecasts appear on
 * their own within a minute or two of a first start.
 */
@Injectable()
export class TrackedAssetsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrackedAssetsSchedule.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly locks: AdvisoryLockRepository,
    private readonly resolver: AssetResolver,
    private readonly importer: CandleImporter,
    private readonly scheduler: AssetScheduler,
    private readonly onboarding: ModelOnboarding,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Another worker starting at the same time does the same work; the lock makes it happen once.
    await this.locks.runExclusive(...LOCKS.firstStart, () => this.prepare());
    for (const asset of await this.assets.findTracked()) {
      await this.scheduler.schedule(asset.symbol);
      for (const interval of this.config.TRACKED_INTERVALS) await this.onboarding.ensureModels(asset.id, asset.symbol, interval);
    }
    const cadence = this.config.TRACKED_INTERVALS.map(
      (interval) => `${interval} every ${syncPeriodSeconds(interval, this.config.SYNC_EVERY)}s`,
    );
    this.logger.log(`keeping candles fresh: ${cadence.join(', ')}`);
  }

  private async prepare(): Promise<void> {
    for (const symbol of this.config.TRACKED_ASSETS) {
      let asset = await this.assets.findBySymbol(symbol);
      if (!asset) {
        const known = KNOWN_ASSETS[symbol];
        try {
          asset = await this.assets.track(known ?? (await this.resolver.resolve(symbol)));
        } catch (error) {
          this.logger.warn(`cannot track ${symbol} yet: ${error instanceof Error ? error.message : error}`);
          continue;
        }
      }
      await this.importShippedHistory(asset.id, symbol);
    }
  }

  private async importShippedHistory(assetId: number, symbol: string): Promise<void> {
    const shipped = SHIPPED_HISTORY[symbol];
    if (!this.config.IMPORT_DEFAULT_HISTORY || !shipped) return;
    if ((await this.candles.count(assetId, shipped.interval)) > 0) return;
    const path = join(this.config.HISTORY_DIR, shipped.file);
    if (!existsSync(path)) {
      this.logger.warn(`no shipped history at ${path}; ${symbol} starts empty`);
      return;
    }
    const result = await this.importer.importFile(path, symbol, shipped.interval);
    this.metrics.candlesIngested.inc({ asset: symbol, interval: shipped.interval }, result.inserted);
    this.logger.log(`imported ${result.inserted} shipped ${shipped.interval} candles for ${symbol} in ${result.ms} ms`);
  }
}
