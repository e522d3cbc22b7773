/** Kraken's nine OHLC intervals, as users name them and as Kraken counts them (minutes). */
export const INTERVALS = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '4h': 240,
  '1d': 1440,
  '1w': 10080,
  '15d': 21600,
} as const;

export type IntervalCode = keyof typeof INTERVALS;
export type IntervalMinutes = (typeof INTERVALS)[IntervalCode];

export const INTERVAL_CODES = Object.keys(INTERVALS) as IntervalCode[];

export function isIntervalCode(value: unknown): value is IntervalCode {
  return typeof value === 'string' && Object.hasOwn(INTERVALS, value);
}

export function intervalMinutes(code: IntervalCode): IntervalMinutes {
  return INTERVALS[code];
}

export function intervalCode(minutes: number): IntervalCode {
  const code = INTERVAL_CODES.find((c) => INTERVALS[c] === minutes);
  if (!code) throw new RangeError(`${minutes} minutes is not a Kraken interval`);
  return code;
}

export function intervalSeconds(code: IntervalCode): number {
  return INTERVALS[code] * 60;
}
