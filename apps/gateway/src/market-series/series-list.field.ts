import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, registerDecorator, type ValidationArguments } from 'class-validator';
import { INTERVAL_CODES, isIntervalCode, parseSymbol, type IntervalCode } from '#libs/domain';

/** A series a request names: an asset's candles of one interval. `key` is `SYMBOL:interval`. */
export interface SeriesSpec {
  symbol: string;
  interval: IntervalCode;
  key: string;
}

export interface SeriesListRules {
  /** The parameter's name, for the messages. */
  name: string;
  min: number;
  max: number;
  /** Whether an item may say its interval (`ETH:1h`); without one it takes `defaultInterval`. */
  intervals: boolean;
  defaultInterval: IntervalCode;
}

/**
 * A comma-separated list of `SYMBOL` or (where `intervals`) `SYMBOL:interval`, symbols
 * case-insensitive: the series, or a message saying what is wrong (an item that is no series, too
 * few or too many, one named twice).
 */
export function parseSeriesList(text: unknown, rules: SeriesListRules): SeriesSpec[] | string {
  const form = rules.intervals ? 'SYMBOL or SYMBOL:interval' : 'SYMBOL';
  const what = `${rules.name} must be one comma-separated list of ${rules.min} to ${rules.max} ${form} (such as ${rules.intervals ? 'BTC,ETH:1h' : 'BTC,ETH'})`;
  if (typeof text !== 'string') return what;
  const items = text.split(',');
  if (items.length < rules.min || items.length > rules.max) return `${what}; it names ${items.length}`;
  const series: SeriesSpec[] = [];
  for (const item of items) {
    const [symbolText, intervalText, ...rest] = item.split(':');
    const symbol = parseSymbol(symbolText);
    const interval = intervalText ?? rules.defaultInterval;
    if (symbol === null || rest.length > 0 || (intervalText !== undefined && !rules.intervals)) {
      return `${what}: ${JSON.stringify(item)} is not ${form}, a symbol being 2 to 12 letters or digits`;
    }
    if (!isIntervalCode(interval))
      return `${rules.name}: ${JSON.stringify(item)} has no interval ${JSON.stringify(interval)}; intervals are ${INTERVAL_CODES.join(', ')}`;
    const key = `${symbol}:${interval}`;
    if (series.some((s) => s.key === key)) return `${rules.name} names ${rules.intervals ? key : symbol} twice`;
    series.push({ symbol, interval, key });
  }
  return series;
}

/** The lists parseSeriesList made: only those pass, never an array a query string made (`series=A&series=B`). */
const PARSED = new WeakSet<object>();

/** A required query parameter that parseSeriesList reads; the message says what was wrong. */
export function SeriesListField(rules: SeriesListRules, example: string, description: string): PropertyDecorator {
  const parsed = Transform(({ value }) => {
    const series = parseSeriesList(value, rules);
    if (typeof series === 'string') return value;
    PARSED.add(series);
    return series;
  });
  const valid: PropertyDecorator = (target, propertyName) =>
    registerDecorator({
      name: 'isSeriesList',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && PARSED.has(value),
        defaultMessage: ({ value }: ValidationArguments) => parseSeriesList(value, rules) as string,
      },
    });
  return applyDecorators(
    ApiProperty({ type: String, example, description }),
    IsDefined({ message: `${rules.name} is required` }),
    parsed,
    valid,
  );
}
