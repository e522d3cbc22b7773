import { Injectable } from '@nestjs/common';
import { AssetRepository, CandleRepository, type AssetEntity } from '#libs/database';
import { normalizeSymbol, UnknownAssetError, type IntervalCode } from '#libs/domain';
import { KNOWN_ASSETS } from '../known-assets.js';
import { CandleCsvReader } from './candle-csv.reader.js';

export interface ImportProgress {
  /** Candles read and sent to Postgres so far. */
  rows: number;
  bytesRead: number;
  totalBytes: number;
  /** The whole file has been read: Postgres is storing the rows. */
  fileRead: boolean;
}

export interface ImportResult {
  /** Candles that were not stored before. */
  inserted: number;
  /** Candles that were stored with other values; the rest were already stored as they are. */
  updated: number;
  /** Candles in the file. */
  rows: number;
  ms: number;
}

/** Loads Kraken OHLCVT CSV downloads into the candles table. */
@Injectable()
export class CandleImporter {
  constructor(
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
  ) {}

  /**
   * Imports one file for one asset and interval, in one transaction: a bad row anywhere leaves
   * the candles as they were. Importing the same file again changes nothing.
   */
  async importFile(
    path: string,
    symbol: string,
    interval: IntervalCode,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    const started = performance.now();
    const reader = await CandleCsvReader.open(path, interval);
    const asset = await this.assetFor(symbol);
    const report =
      onProgress &&
      ((rows: number) => onProgress({ rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, fileRead: reader.done }));
    const { inserted, updated } = await this.candles.bulkUpsert(asset.id, interval, reader, report);
    return { inserted, updated, rows: reader.rows, ms: Math.round(performance.now() - started) };
  }

  /** The stored asset; one Candlecast ships history for is created on first use, any other must be added first. */
  private async assetFor(symbol: string): Promise<AssetEntity> {
    const stored = await this.assets.findBySymbol(symbol);
    if (stored) return stored;
    const known = KNOWN_ASSETS[normalizeSymbol(symbol)];
    if (known) return this.assets.track(known);
    const error = new UnknownAssetError(normalizeSymbol(symbol));
    error.message = `Unknown asset '${normalizeSymbol(symbol)}': add it with POST /crypto/assets first (an admin call that checks the pair with Kraken), then import its candles.`;
    throw error;
  }
}
