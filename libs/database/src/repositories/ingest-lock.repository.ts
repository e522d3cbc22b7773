import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * One ingestion per asset and interval at a time, across every worker: a Postgres session
 * advisory lock, held on a connection of its own for as long as the work runs and released
 * by Postgres itself if the worker dies.
 */
@Injectable()
export class IngestLockRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` holding the lock; returns `{ locked: false }` at once when someone else holds it. */
  async withLock<T>(assetId: number, interval: number, work: () => Promise<T>): Promise<{ locked: true; result: T } | { locked: false }> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ ok }] = await runner.query('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [assetId, interval]);
      if (!ok) return { locked: false };
      try {
        return { locked: true, result: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1::int, $2::int)', [assetId, interval]);
      }
    } finally {
      await runner.release();
    }
  }
}
