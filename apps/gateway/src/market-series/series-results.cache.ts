import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CHANGE_CHANNELS, ChangeFedCache, ChangeFeed, type SeriesRef } from '#libs/database';
import { intervalMinutes } from '#libs/domain';
import { CompressedJson } from '../assets/compressed-json.js';

/** Bytes of answers kept: a compare of two full daily histories takes about 0.5 MB. */
const RESULTS_MAX_BYTES = 64 * 1024 * 1024;

/** `<asset id>:<interval minutes>`, as the `candles` channel names a series. */
export const seriesName = (s: SeriesRef) => `${s.assetId}:${intervalMinutes(s.interval)}`;

/**
 * The answers of GET /crypto/compare, /crypto/assets/{symbol}/stats and /crypto/correlation,
 * serialised and compressed, kept until Postgres notifies that a candle of one of their series
 * changed (ChangeFeed, channel `candles`): every stored candle is a closed one, so an answer is
 * final until then, and no TTL guesses when. The key names its series first; the ETag is a hash
 * of the body, so that a client revalidates with If-None-Match.
 */
@Injectable()
export class SeriesResultsCache {
  private readonly results: ChangeFedCache<CompressedJson>;

  constructor(feed: ChangeFeed) {
    this.results = new ChangeFedCache(
      feed,
      CHANGE_CHANNELS.candles,
      // No TTL: only a change notification (or a lost feed) makes an answer stale; the size bounds the memory.
      { maxSize: RESULTS_MAX_BYTES, sizeOf: (result) => result.size, ttlMs: 0, shareLoads: true },
      (payload, key) => {
        const changed = payload.split(',');
        return keySeries(key).some((series) => changed.includes(series));
      },
    );
  }

  /** The answer of `route` on `series` for `query` (the rest of the request, as text), made by `load` when not kept. */
  async read(route: string, series: readonly SeriesRef[], query: string, load: () => Promise<unknown>): Promise<CompressedJson> {
    const key = `${series.map(seriesName).join(',')}|${route}|${query}`;
    return (await this.results.get(key, () => compressed(load)))!;
  }
}

async function compressed(load: () => Promise<unknown>): Promise<CompressedJson> {
  const view = await load();
  // Serialised twice on a miss (once for the hash): a small price beside the query, none on a hit.
  const etag = `W/"${createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27)}"`;
  return CompressedJson.of(view, etag);
}

const keySeries = (key: string) => key.slice(0, key.indexOf('|')).split(',');
