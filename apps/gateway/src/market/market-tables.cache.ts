import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  AssetRepository,
  CHANGE_CHANNELS,
  ChangeFedCache,
  ChangeFeed,
  MarketSnapshotRepository,
  type MarketSnapshot,
} from '#libs/database';
import { CompressedJson } from '../assets/compressed-json.js';

/** The tracked assets, by symbol, and a digest of what the tables show of them. */
export interface TrackedAssets {
  symbols: string[];
  /** Changes when an asset is tracked, untracked or renamed: part of every key below. */
  key: string;
}

/** An answer kept: the body, and for a CSV the file name to save it as. */
export interface MarketAnswer {
  body: CompressedJson;
  filename?: string;
}

/** What an answer is made of. */
export interface MarketAnswerParts {
  body: unknown;
  snapshot: MarketSnapshot;
  contentType?: string;
  filename?: string;
}

/** A table with the time it was computed for. */
export interface MarketTable {
  at: Date;
  snapshot: MarketSnapshot;
}

const TTL_MS = 60 * 60_000;
/** Bytes of answers kept (each is a few kilobytes: one row per tracked asset). */
const ANSWERS_MAX_BYTES = 16 * 1024 * 1024;
const TABLES_MAX = 500;
/** Changes with the answers' shape, so that no client revalidates an answer of another shape. */
const ANSWER_FORMAT = '1';
/** Intervals that no market table is built from (1w, 15d): their changes leave the tables alone. */
const MAX_SOURCE_MINUTES = 1440;

/**
 * The market tables of GET /crypto/market and the answers made of them, kept until Postgres
 * notifies that a candle changed (ChangeFeed, channel `candles`); the tracked assets, until an
 * asset changes (channel `forecasts`, payload `assets`), and their digest is part of every key.
 * Data of closed candles is final, so nothing here expires by a guessed TTL (the TTL only
 * bounds what an idle entry costs). A table "as of now" is kept under `latest`, not under the
 * clock: it stays the same until a candle changes.
 */
@Injectable()
export class MarketTablesCache {
  private readonly assets: ChangeFedCache<TrackedAssets>;
  private readonly tables: ChangeFedCache<MarketTable>;
  private readonly answers: ChangeFedCache<MarketAnswer>;

  constructor(
    feed: ChangeFeed,
    private readonly assetRepository: AssetRepository,
    private readonly snapshots: MarketSnapshotRepository,
  ) {
    this.assets = new ChangeFedCache(
      feed,
      CHANGE_CHANNELS.forecasts,
      { max: 1, ttlMs: TTL_MS, shareLoads: true },
      (payload) => payload === 'assets',
    );
    const sourceSeries = (payload: string) => payload.split(',').some((series) => Number(series.split(':')[1]) <= MAX_SOURCE_MINUTES);
    this.tables = new ChangeFedCache(feed, CHANGE_CHANNELS.candles, { max: TABLES_MAX, ttlMs: TTL_MS, shareLoads: true }, sourceSeries);
    this.answers = new ChangeFedCache(
      feed,
      CHANGE_CHANNELS.candles,
      { maxSize: ANSWERS_MAX_BYTES, sizeOf: (answer) => answer.body.size, ttlMs: TTL_MS, shareLoads: true },
      sourceSeries,
    );
  }

  async tracked(): Promise<TrackedAssets> {
    return (await this.assets.get('tracked', async () => {
      const tracked = await this.assetRepository.findTracked();
      const digest = createHash('sha256')
        .update(tracked.map((a) => [a.id, a.symbol, a.name, a.krakenAltname, a.base, a.quote].join('|')).join('\n'))
        .digest('base64url')
        .slice(0, 16);
      return { symbols: tracked.map((a) => a.symbol), key: digest };
    }))!;
  }

  /**
   * The table as of `at` (undefined: now). One asked for a time at or after the newest close is
   * the table of now, kept under `latest`: no candle closed between them.
   */
  async table(assets: TrackedAssets, at: Date | undefined, now: Date): Promise<MarketTable> {
    const latest = (await this.tables.get(
      `${assets.key}|latest`,
      () => this.load(now),
      // A stored candle closing after the time it was read for would change it when the clock passes: not kept.
      (table) => table.snapshot.newestClose === null || new Date(table.snapshot.newestClose) <= table.at,
    ))!;
    const newest = latest.snapshot.newestClose;
    if (at === undefined || newest === null || at >= new Date(newest)) return latest;
    const key = `${assets.key}|${at.toISOString()}`;
    return (await this.tables.get(key, () => this.load(at)))!;
  }

  /**
   * The answer kept under `key`, or `make`'s. `make` reads its table through table(), inside the
   * load, so that an answer made of a table a change overtook is not kept.
   */
  async answer(key: string, make: () => Promise<MarketAnswerParts>): Promise<MarketAnswer> {
    return (await this.answers.get(key, async () => {
      const { body, snapshot, contentType, filename } = await make();
      const query16 = createHash('sha256').update(`${ANSWER_FORMAT}|${key}`).digest('base64url').slice(0, 16);
      const etag = `W/"m${snapshot.version}-${query16}"`;
      const compressed =
        typeof body === 'string' ? await CompressedJson.text(body, etag, contentType) : await CompressedJson.of(body, etag);
      return { body: compressed, filename };
    }))!;
  }

  private async load(at: Date): Promise<MarketTable> {
    return { at, snapshot: await this.snapshots.snapshot(at) };
  }
}
