import { Module } from '@nestjs/common';
import { SeriesResolver } from './series.resolver.js';
import { SeriesResultsCache } from './series-results.cache.js';

/** What the compare and analysis routes share: symbols to assets, and their answers kept until a candle of theirs changes. */
@Module({
  providers: [SeriesResolver, SeriesResultsCache],
  exports: [SeriesResolver, SeriesResultsCache],
})
export class MarketSeriesModule {}
