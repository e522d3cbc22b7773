import type { SeriesSpan } from '#libs/database';
import { NoSharedTimeError } from '#libs/domain';

/**
 * Why series (named by `series`, in the order of `spans`) share no time in the span asked: one without candles there, two
 * whose spans do not meet, or candles that never open at the same time; each with what it holds.
 */
export function noSharedTime(
  series: readonly string[],
  spans: readonly SeriesSpan[],
  query: { from?: Date; to?: Date },
): NoSharedTimeError {
  const inSpan =
    query.from || query.to ? ` from ${query.from?.toISOString() ?? 'the first candle'} to ${query.to?.toISOString() ?? 'the last'}` : '';
  const empty = series.filter((_, k) => spans[k].count === 0);
  if (empty.length > 0) {
    return new NoSharedTimeError(`no shared time: ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no candles${inSpan}`);
  }
  const held = (k: number) => `${series[k]} has ${spans[k].count} from ${spans[k].first!.toISOString()} to ${spans[k].last!.toISOString()}`;
  const endsFirst = spans.reduce((best, s, k) => (s.last! < spans[best].last! ? k : best), 0);
  const startsLast = spans.reduce((best, s, k) => (s.first! > spans[best].first! ? k : best), 0);
  if (spans[endsFirst].last! < spans[startsLast].first!) {
    return new NoSharedTimeError(
      `no shared time${inSpan}: ${series[endsFirst]} and ${series[startsLast]} do not overlap (${held(endsFirst)}; ${held(startsLast)})`,
    );
  }
  return new NoSharedTimeError(
    `no shared time${inSpan}: the series' candles never open at the same time (${series.map((_, k) => held(k)).join('; ')})`,
  );
}
