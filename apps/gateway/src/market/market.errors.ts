import { InvalidRequestError, NotFoundError } from '#libs/domain';

/** A `datetime` after the wall clock's now: no candle can have closed by then. */
export class MarketTimeInFutureError extends InvalidRequestError {
  constructor(requested: Date, now: Date) {
    super(`no candles after now (${now.toISOString()}): datetime ${requested.toISOString()} is in the future`);
  }
}

/** No tracked asset has a candle closed by the time asked: before every candle, or none stored yet. */
export class NoMarketCandlesError extends NotFoundError {
  constructor(requested: Date, firstClose: string | null, newestClose: string | null) {
    super(
      firstClose === null
        ? 'no candles are stored for any tracked asset yet'
        : `no candles closed by ${requested.toISOString()}: the market table exists from ${firstClose} (the first close) ` +
            `to now, its newest candle closed at ${newestClose}`,
    );
  }
}

/** `symbols` names assets that are not tracked. */
export class UnknownMarketSymbolsError extends InvalidRequestError {
  constructor(
    readonly unknown: readonly string[],
    tracked: readonly string[],
  ) {
    super(
      `symbols: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not tracked` +
        (tracked.length ? `; tracked assets are ${tracked.join(', ')}` : '; no asset is tracked'),
    );
  }
}
