import type { DataSource, EntityManager } from 'typeorm';

/** The tables whose rows a user may hold at most so many of (ALERT_RULES_PER_USER, WEBHOOKS_PER_USER). */
type PerUserTable = 'alert_rules' | 'webhooks';

/**
 * Runs `insert` in a transaction unless the user holds `limit` rows of `table` already (null
 * then). The user's row is locked for the count, so that two requests at once cannot both take
 * the last place.
 */
export function insertWithinUserLimit<T>(
  db: DataSource,
  table: PerUserTable,
  userId: string,
  limit: number,
  insert: (manager: EntityManager) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (manager) => {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM ${table} WHERE user_id = $1`, [userId])) as {
      count: number;
    }[];
    return count >= limit ? null : insert(manager);
  });
}
