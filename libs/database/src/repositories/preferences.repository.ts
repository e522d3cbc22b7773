import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Each user's dashboard preferences (table user_preferences): one JSON document, which the API validates. */
@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The stored document, or null when the user never saved one. */
  async find(userId: string): Promise<Record<string, unknown> | null> {
    const [row] = (await this.db.query(`SELECT preferences FROM user_preferences WHERE user_id = $1`, [userId])) as {
      preferences: Record<string, unknown>;
    }[];
    return row?.preferences ?? null;
  }

  /** Replaces the user's document. */
  async save(userId: string, preferences: object): Promise<void> {
    await this.db.query(
      `INSERT INTO user_preferences (user_id, preferences) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = now()`,
      [userId, JSON.stringify(preferences)],
    );
  }
}
