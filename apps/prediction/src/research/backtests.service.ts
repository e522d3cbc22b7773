import { Injectable } from '@nestjs/common';
import { BacktestRepository, type BacktestRecord } from '#libs/database';
import { NoBacktestError } from '#libs/domain';
import type { BacktestQuery, BacktestRecordView, BacktestSummaryView, BacktestView } from '#libs/prediction-api';
import { KnownAssets } from '../assets/known-assets.service.js';

/** Stored walk-forwards, read from Postgres. */
@Injectable()
export class BacktestsService {
  constructor(
    private readonly knownAssets: KnownAssets,
    private readonly backtests: BacktestRepository,
  ) {}

  /**
   * The newest walk-forward of a series (of a family, of a kind, when asked) with a page of its
   * records. Without a kind: the newest backtest an admin ran, else the newest training
   * walk-forward, which every trained model stores (a fresh install has only those).
   */
  async newest(query: BacktestQuery): Promise<BacktestView> {
    const asset = await this.knownAssets.require(query.asset);
    const { interval, family, step, limit, offset } = query;
    const kinds = query.kind ? [query.kind] : (['backtest', 'training'] as const);
    let backtest = null;
    for (const kind of kinds) {
      backtest = await this.backtests.newest(asset.id, interval, { family, kind });
      if (backtest) break;
    }
    if (!backtest) throw new NoBacktestError(asset.symbol, interval, family);
    const [count, records] = await Promise.all([
      this.backtests.countRecords(backtest.id, step),
      this.backtests.records(backtest.id, { limit, offset, step }),
    ]);
    return {
      id: backtest.id,
      asset: asset.symbol,
      interval,
      family: backtest.family,
      kind: backtest.kind,
      modelId: backtest.modelId,
      params: backtest.params,
      jobId: backtest.jobId,
      createdAt: backtest.createdAt.toISOString(),
      summary: backtest.summary as unknown as BacktestSummaryView,
      count,
      offset,
      nextOffset: offset + records.length < count ? offset + records.length : null,
      records: records.map(toRecordView),
    };
  }
}

const toRecordView = (record: BacktestRecord): BacktestRecordView => ({ ...record, originTime: record.originTime.toISOString() });
