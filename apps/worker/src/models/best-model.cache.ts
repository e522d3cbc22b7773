import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { ModelRepository, type LoadedModel } from '#libs/database';
import type { IntervalCode } from '#libs/domain';

/**
 * The best model of each asset and interval, read from Postgres once per model and then kept in
 * memory, at most MODEL_CACHE_SIZE of them (least recently used out). Only its stored artifact
 * is kept: the tensors are built for each job and disposed after it, so that none outlives it.
 */
@Injectable()
export class BestModelCache {
  private readonly cache: LRUCache<string, LoadedModel>;

  constructor(
    private readonly models: ModelRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new LRUCache({ max: config.MODEL_CACHE_SIZE });
  }

  async best(assetId: number, interval: IntervalCode): Promise<LoadedModel | null> {
    const id = await this.models.bestId(assetId, interval);
    if (!id) return null;
    const key = `${assetId}:${interval}`;
    const cached = this.cache.get(key);
    if (cached?.id === id) return cached;
    const loaded = await this.models.loadBest(assetId, interval);
    if (loaded) this.cache.set(key, loaded);
    return loaded;
  }
}
