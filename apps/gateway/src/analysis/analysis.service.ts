import { Injectable } from '@nestjs/common';
import { CandleRepository, type SeriesRef } from '#libs/database';
import {
  annualisationFactor,
  BackwardsRangeError,
  correlationMatrix,
  drawdown,
  extremeReturns,
  intervalMinutes,
  intervalSeconds,
  logReturns,
  NoCandlesInSpanError,
  RETURN_CONVENTIONS,
  returnDistribution,
  rollingVolatility,
  TooFewSharedReturnsError,
  type LogReturn,
} from '#libs/domain';
import type { CompressedJson } from '../assets/compressed-json.js';
import { noSharedTime } from '../market-series/no-shared-time.error.js';
import { SeriesResolver } from '../market-series/series.resolver.js';
import { SeriesResultsCache } from '../market-series/series-results.cache.js';
import type { CorrelationViewDto, StatsViewDto } from './dto/analysis-views.dto.js';
import type { CorrelationQueryDto } from './dto/correlation-query.dto.js';
import type { SpanQueryDto } from './dto/span-query.dto.js';
import type { StatsQueryDto } from './dto/stats-query.dto.js';

/** How many best and worst candles a stats answer lists. */
export const EXTREME_CANDLES = 5;
export const CORRELATION_METHOD =
  'Pearson correlation of log returns ln(Cₜ/Cₜ₋₁) on the times every series shares, a return only between shared times exactly one interval apart';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const dated = (r: LogReturn) => ({ time: iso(r.time), value: r.value });
const span = (q: SpanQueryDto) => `${q.interval}|${q.from?.toISOString() ?? ''}|${q.to?.toISOString() ?? ''}`;

@Injectable()
export class AnalysisService {
  constructor(
    private readonly resolver: SeriesResolver,
    private readonly candles: CandleRepository,
    private readonly results: SeriesResultsCache,
  ) {}

  /** The return distribution, volatility, drawdown and extremes of one series, kept until one of its candles changes. */
  async stats(symbol: string, query: StatsQueryDto): Promise<CompressedJson> {
    BackwardsRangeError.check(query);
    const asset = await this.resolver.require(symbol);
    const ref: SeriesRef = { assetId: asset.id, interval: query.interval };
    return this.results.read('stats', [ref], `${span(query)}|${query.bins}|${query.window}`, () =>
      this.loadStats(asset.symbol, ref, query),
    );
  }

  /** The correlation matrix of the symbols' returns on shared times, kept until a candle of one of them changes. */
  async correlation(query: CorrelationQueryDto): Promise<CompressedJson> {
    BackwardsRangeError.check(query);
    const symbols = query.symbols.map((s) => s.symbol);
    const assets = await this.resolver.requireAll(symbols);
    const refs: SeriesRef[] = assets.map((a) => ({ assetId: a.id, interval: query.interval }));
    return this.results.read('correlation', refs, span(query), () => this.loadCorrelation(symbols, refs, query));
  }

  private async loadStats(symbol: string, ref: SeriesRef, query: StatsQueryDto): Promise<StatsViewDto> {
    const rows = await this.candles.closes(ref, query.from, query.to);
    if (rows.length === 0) throw new NoCandlesInSpanError(symbol, query.interval, query.from, query.to);
    const points = rows.map((r) => ({ time: r.time, close: Number(r.close) }));
    const returns = logReturns(points, intervalSeconds(query.interval));
    const distribution = returnDistribution(
      returns.map((r) => r.value),
      query.bins,
    );
    const factor = annualisationFactor(intervalMinutes(query.interval));
    const fall = drawdown(points);
    const closeAt = (i: number | null) => (i === null ? null : { time: iso(rows[i].time), close: rows[i].close });
    const { best, worst } = extremeReturns(returns, EXTREME_CANDLES);
    const candleReturn = (r: LogReturn) => ({ time: iso(r.time), return: r.value });
    return {
      symbol,
      interval: query.interval,
      from: iso(rows[0].time),
      to: iso(rows[rows.length - 1].time),
      candles: rows.length,
      returns: returns.length,
      conventions: RETURN_CONVENTIONS,
      distribution,
      volatility: {
        annualised: distribution.sd === null ? null : distribution.sd * factor,
        window: query.window,
        rolling: rollingVolatility(returns, query.window, factor).map(dated),
      },
      drawdown: {
        max: fall.max,
        peak: closeAt(fall.peak),
        trough: closeAt(fall.trough),
        recovered: fall.recovered === null ? null : iso(rows[fall.recovered].time),
        series: fall.series.map(dated),
      },
      best: best.map(candleReturn),
      worst: worst.map(candleReturn),
    };
  }

  private async loadCorrelation(symbols: string[], refs: SeriesRef[], query: CorrelationQueryDto): Promise<CorrelationViewDto> {
    const rows = await this.candles.aligned({ series: refs, from: query.from, to: query.to, prices: 'close' });
    if (rows.length === 0) throw noSharedTime(symbols, await this.candles.spans(refs, query.from, query.to), query);
    const step = intervalSeconds(query.interval) * 1000;
    const columns: number[][] = symbols.map(() => []);
    for (let i = 1; i < rows.length; i++) {
      if (Date.parse(rows[i].time) - Date.parse(rows[i - 1].time) !== step) continue;
      symbols.forEach((_, k) => columns[k].push(Math.log(Number(rows[i].close[k]) / Number(rows[i - 1].close[k]))));
    }
    const returns = columns[0].length;
    if (returns < 2) throw new TooFewSharedReturnsError(returns, 2);
    return {
      interval: query.interval,
      from: rows[0].time,
      to: rows[rows.length - 1].time,
      symbols,
      returns,
      method: CORRELATION_METHOD,
      matrix: correlationMatrix(columns),
    };
  }
}
