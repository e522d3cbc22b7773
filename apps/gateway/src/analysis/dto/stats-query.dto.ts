import { MARKET_LIMITS } from '#libs/domain';
import { QueryIntegerField } from '#libs/http';
import { SpanQueryDto } from './span-query.dto.js';

export class StatsQueryDto extends SpanQueryDto {
  @QueryIntegerField(
    'bins',
    MARKET_LIMITS.histogramBins,
    'Bins of equal width in the return histogram, from the smallest return to the largest',
  )
  bins: number = MARKET_LIMITS.histogramBins.default;

  @QueryIntegerField('window', MARKET_LIMITS.rollingWindow, 'Returns in each rolling volatility')
  window: number = MARKET_LIMITS.rollingWindow.default;
}
