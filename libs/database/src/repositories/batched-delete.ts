import type { DataSource } from 'typeorm';

/** The tables whose old rows the worker's retention deletes (NOTIFICATION_RETENTION, WEBHOOK_DELIVERY_RETENTION). */
type RetainedTable = 'notifications' | 'alert_firings' | 'webhook_deliveries';

/** The most rows one statement of a retention delete removes: a large backlog goes in short statements. */
export const RETENTION_BATCH = 5000;

/**
 * Deletes the rows of `table` whose ids `pick` selects, at most `batch` a statement (`pick` ends in
 * `LIMIT $1`; its own parameters, `params`, are $2 on), each statement a transaction of its own, so
 * that a large backlog never holds its locks long; until a statement deletes fewer than `batch`.
 * How many rows in all.
 */
export async function deleteInBatches(
  db: DataSource,
  table: RetainedTable,
  pick: string,
  params: readonly unknown[],
  batch = RETENTION_BATCH,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [{ n }] = await db.query<[{ n: number }]>(
      `WITH gone AS (DELETE FROM ${table} WHERE id IN (${pick}) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [batch, ...params],
    );
    deleted += n;
    if (n < batch) return deleted;
  }
}
