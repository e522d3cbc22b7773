import { Injectable } from '@nestjs/common';
import { CandleRepository, type AlignedRow, type SeriesRef } from '#libs/database';
import { BackwardsRangeError } from '#libs/domain';
import type { CompressedJson } from '../assets/compressed-json.js';
import { noSharedTime } from '../market-series/no-shared-time.error.js';
import { SeriesResolver } from '../market-series/series.resolver.js';
import { SeriesResultsCache } from '../market-series/series-results.cache.js';
import type { CompareQueryDto } from './dto/compare-query.dto.js';
import type { CompareValue, CompareViewDto } from './dto/compare-view.dto.js';

export const ALIGNMENT = 'inner join on open time: a time any series lacks is left out of all';

@Injectable()
export class CompareService {
  constructor(
    private readonly resolver: SeriesResolver,
    private readonly candles: CandleRepository,
    private readonly results: SeriesResultsCache,
  ) {}

  /** The series aligned on their shared open times, kept until a candle of one of them changes. */
  async compare(query: CompareQueryDto): Promise<CompressedJson> {
    BackwardsRangeError.check(query);
    const assets = await this.resolver.requireAll(query.series.map((s) => s.symbol));
    const refs: SeriesRef[] = query.series.map((s, k) => ({ assetId: assets[k].id, interval: s.interval }));
    const request = `${query.mode}|${query.from?.toISOString() ?? ''}|${query.to?.toISOString() ?? ''}|${query.limit}`;
    return this.results.read('compare', refs, request, () => this.load(query, refs));
  }

  private async load(query: CompareQueryDto, refs: SeriesRef[]): Promise<CompareViewDto> {
    // One more than asked says whether the limit cut anything.
    const rows = await this.candles.aligned({
      series: refs,
      from: query.from,
      to: query.to,
      prices: query.mode === 'ohlc' ? 'ohlc' : 'close',
      limit: query.limit + 1,
    });
    if (rows.length === 0)
      throw noSharedTime(
        query.series.map((s) => s.key),
        await this.candles.spans(refs, query.from, query.to),
        query,
      );
    const kept = rows.slice(-query.limit);
    return {
      mode: query.mode,
      count: kept.length,
      from: kept[0].time,
      to: kept[kept.length - 1].time,
      limit: query.limit,
      truncated: rows.length > query.limit,
      kept: 'newest',
      alignment: ALIGNMENT,
      series: query.series.map(({ key, symbol, interval }) => ({ key, symbol, interval })),
      times: kept.map((r) => r.time),
      values: query.series.map((_, k) => valuesOf(kept, k, query.mode)),
    };
  }
}

function valuesOf(rows: AlignedRow[], k: number, mode: CompareQueryDto['mode']): CompareValue[] {
  if (mode === 'line') return rows.map((r) => r.close[k]);
  if (mode === 'ohlc') return rows.map((r) => ({ open: r.open![k], high: r.high![k], low: r.low![k], close: r.close[k] }));
  const base = Number(rows[0].close[k]);
  return rows.map((r) => {
    const value = (Number(r.close[k]) / base) * 100;
    return Number.isFinite(value) ? value : null;
  });
}
