import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { intervalMinutes, MODEL_FAMILIES, type IntervalCode, type ModelFamily } from '#libs/domain';

/** Keys of the locks (two ints each; an interval counts in minutes): asset ids start at 1, so 0 and negatives are free. */
export const LOCKS = {
  firstStart: [0, 0],
  firstAdmin: [0, 1],
  refreshTokenPurge: [0, 2],
  /** One ingestion per asset and interval at a time. */
  ingestion: (assetId: number, interval: IntervalCode) => [assetId, intervalMinutes(interval)] as const,
  /**
   * One training per asset, interval and family at a time (negative keys: ingestion uses the asset
   * id itself), so that the baselines of a series train while its hour-long LSTM does.
   */
  training: (assetId: number, interval: IntervalCode, family: ModelFamily) =>
    [-assetId, intervalMinutes(interval) * 8 + MODEL_FAMILIES.indexOf(family)] as const,
} as const;

interface TryLockRow {
  ok: boolean;
}

/**
 * Work that must not run twice at once across processes (one ingestion per asset and
 * interval, the first-start import, the first admin): a Postgres session advisory lock, held
 * on a connection of its own for as long as the work runs and released by Postgres itself if
 * the process dies.
 */
@Injectable()
export class AdvisoryLockRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` holding the lock; returns `{ locked: false }` at once when someone else holds it. */
  async withLock<T>(key1: number, key2: number, work: () => Promise<T>): Promise<{ locked: true; result: T } | { locked: false }> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ ok }] = await this.db.query<TryLockRow[]>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [key1, key2], runner);
      if (!ok) return { locked: false };
      try {
        return { locked: true, result: await work() };
      } finally {
        await unlock(runner, key1, key2);
      }
    } finally {
      await runner.release();
    }
  }

  /** Runs `work` holding the lock, waiting for it as long as someone else holds it. */
  async runExclusive<T>(key1: number, key2: number, work: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1::int, $2::int)', [key1, key2]);
      try {
        return await work();
      } finally {
        await unlock(runner, key1, key2);
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * A session lock ends with its session: when the lock's connection broke (Postgres restarted),
 * TypeORM has released the runner and Postgres the lock, and the work that ran meanwhile must
 * not be reported as failed for it.
 */
async function unlock(runner: QueryRunner, key1: number, key2: number): Promise<void> {
  if (runner.isReleased) return;
  try {
    await runner.query('SELECT pg_advisory_unlock($1::int, $2::int)', [key1, key2]);
  } catch (error) {
    if (!runner.isReleased) throw error;
  }
}
