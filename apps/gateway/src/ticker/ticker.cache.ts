import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository } from '#libs/database';
import { KrakenResponseError, KrakenUnavailableError, UnknownAssetPairError } from '#libs/domain';
import { MARKET_DATA_PROVIDER, type MarketDataProvider, type Ticker } from '#libs/market-data';
import { RedisClient, type RedisSingleFlight } from '#libs/queue';
import { krakenSingleFlight, readRemembered, rememberFailure } from '../assets/remembered-kraken-failure.js';

/**
 * How long a request that holds last known values waits for a fresh fetch before it answers
 * them as stale: the fetch goes on and fills the cache for the requests after it.
 */
export const TICKER_WAIT_MS = 3000;

/** The Redis keys of the ticker, under QUEUE_PREFIX. */
export function tickerKeys(prefix: string) {
  const base = `${prefix}:cache:ticker`;
  return { fresh: base, last: `${base}:last`, failure: `${base}:failure`, lock: `${base}:lock` };
}

/** One Ticker call's answer: every tracked pair Kraken answered for, when it answered. */
export interface TickerBatch {
  /** Epoch milliseconds of Kraken's answer. */
  fetchedAt: number;
  /** The pairs asked for (canonical keys), answered or not. */
  asked: string[];
  tickers: Record<string, Ticker>;
}

/** One pair's ticker as read, with its age. */
export interface TickerRead {
  ticker: Ticker;
  fetchedAt: number;
  /** The last known values, Kraken having failed since (or taking longer than TICKER_WAIT_MS). */
  stale: boolean;
}

interface LastKnown {
  ticker: Ticker;
  fetchedAt: number;
}

/**
 * Kraken's live ticker for every tracked pair, one Ticker call (`pair=a,b,c`) carrying all of
 * them, kept in Redis for TICKER_CACHE_TTL and shared by every gateway. However many users ask at
 * however many gateways, Kraken gets at most one call per TTL (RedisSingleFlight: one fetch under
 * a Redis lock, the others waiting for its outcome). A failure is remembered for the TTL too, so
 * that a Kraken outage costs no more calls than a working Kraken.
 *
 * Every pair's last answer is also kept without expiry (a Redis hash): when Kraken cannot be
 * reached, or has not answered within TICKER_WAIT_MS, those are answered with `stale: true`;
 * with none, the failure (503).
 */
@Injectable()
export class TickerCache {
  private readonly keys: ReturnType<typeof tickerKeys>;
  private readonly flight: RedisSingleFlight<TickerBatch>;
  /** The pair the current flight was started for, so that its batch includes it even when just tracked. */
  private readonly wanted = new Set<string>();

  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly assets: AssetRepository,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = tickerKeys(config.QUEUE_PREFIX);
    this.flight = krakenSingleFlight(redis, config, {
      endpoint: 'Ticker',
      lockKey: this.keys.lock,
      peek: () => this.peek(),
      fetch: () => this.fetch(),
    });
  }

  /** The ticker of one pair (its canonical key): fresh, or the last known values as stale when Kraken fails; the failure when none are known. */
  async read(pairKey: string): Promise<TickerRead> {
    const fresh = await this.peek().catch(() => undefined);
    const found = fresh && this.pick(fresh, pairKey);
    if (found) return found;

    this.wanted.add(pairKey);
    const flight = this.flight.read();
    flight.catch(() => undefined); // awaited below, or abandoned for the stale values
    const last = await this.lastKnown(pairKey);
    try {
      const batch = last ? await withinWait(flight) : await flight;
      if (batch === undefined) return { ...last!, stale: true };
      const read = this.pick(batch, pairKey);
      if (read) return read;
      if (batch.asked.includes(pairKey)) {
        throw new KrakenResponseError(`Kraken's Ticker answer has no entry for ${pairKey}`);
      }
      // Tracked after this batch was fetched: the next fetch asks for it too.
      return await this.refetchFor(pairKey);
    } catch (error) {
      if (last && (error instanceof KrakenUnavailableError || error instanceof KrakenResponseError)) return { ...last, stale: true };
      throw error;
    }
  }

  private pick(batch: TickerBatch, pairKey: string): TickerRead | undefined {
    const ticker = batch.tickers[pairKey];
    return ticker && { ticker, fetchedAt: batch.fetchedAt, stale: false };
  }

  private async refetchFor(pairKey: string): Promise<TickerRead> {
    this.wanted.add(pairKey);
    await this.redis.del(this.keys.fresh).catch(() => undefined);
    const batch = await this.flight.read();
    const read = this.pick(batch, pairKey);
    if (!read) throw new KrakenResponseError(`Kraken's Ticker answer has no entry for ${pairKey}`);
    return read;
  }

  private async fetch(): Promise<TickerBatch> {
    const tracked = (await this.assets.findTracked()).map((asset) => asset.krakenKey);
    const asked = [...new Set([...tracked, ...this.wanted])].sort();
    this.wanted.clear();
    try {
      const tickers = await this.provider.tickers(asked);
      const batch: TickerBatch = { fetchedAt: Date.now(), asked, tickers: Object.fromEntries(tickers.map((t) => [t.pairKey, t])) };
      const multi = this.redis
        .multi()
        .set(this.keys.fresh, JSON.stringify(batch), 'EX', this.config.TICKER_CACHE_TTL)
        .del(this.keys.failure);
      for (const ticker of tickers) multi.hset(this.keys.last, ticker.pairKey, JSON.stringify({ ticker, fetchedAt: batch.fetchedAt }));
      await multi.exec().catch(() => undefined);
      return batch;
    } catch (thrown) {
      // A tracked pair Kraken no longer lists refuses the whole call: say which, and remember it like any failure.
      const error =
        thrown instanceof UnknownAssetPairError
          ? new KrakenResponseError(`Kraken refused the Ticker call for ${asked.join(',')}: ${thrown.message}`, [
              'EQuery:Unknown asset pair',
            ])
          : thrown;
      await rememberFailure(this.redis, this.keys.failure, error, this.config.TICKER_CACHE_TTL * 1000);
      throw error;
    }
  }

  /** The fresh batch; throws the failure remembered instead; undefined when neither is there (or Redis cannot be reached). */
  private async peek(): Promise<TickerBatch | undefined> {
    const fresh = await readRemembered(this.redis, this.keys.fresh, this.keys.failure);
    return fresh === undefined ? undefined : (JSON.parse(fresh) as TickerBatch);
  }

  private async lastKnown(pairKey: string): Promise<LastKnown | undefined> {
    const text = await this.redis.hget(this.keys.last, pairKey).catch(() => null);
    return text === null ? undefined : (JSON.parse(text) as LastKnown);
  }
}

/** The flight's batch, or undefined once TICKER_WAIT_MS have passed without it (the timer stops with it). */
async function withinWait(flight: Promise<TickerBatch>): Promise<TickerBatch | undefined> {
  const timer = new AbortController();
  try {
    return await Promise.race([flight, sleep(TICKER_WAIT_MS, undefined, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}
