import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity.js';

/** How many sessions one batch of deleteEndedSessions deleted. */
interface FamiliesRow {
  families: number;
}

@Injectable()
export class RefreshTokenRepository {
  private readonly tokens: Repository<RefreshTokenEntity>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.tokens = db.getRepository(RefreshTokenEntity);
  }

  async create(token: Pick<RefreshTokenEntity, 'id' | 'userId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'persistent'>): Promise<void> {
    await this.tokens.insert(token);
  }

  findById(id: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** Marks a token used; false when it already was (or was revoked) — also when two requests race for it. */
  async claim(id: string): Promise<boolean> {
    const result = await this.tokens.update({ id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: () => 'now()' });
    return (result.affected ?? 0) === 1;
  }

  /**
   * Deletes, in batches of `batch` sessions, every session (family) that has ended: all its tokens
   * expired, or it was revoked. Used tokens stay until then, because a used token that comes back
   * is how theft is detected. A revoked session stays until its last access token has expired
   * too (`accessTtlSeconds` after its newest refresh token), since access tokens are refused by
   * the revoked rows of their session. Returns the number of sessions deleted.
   */
  async deleteEndedSessions(accessTtlSeconds: number, batch = 1000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [{ families }] = await this.db.query<[FamiliesRow]>(
        `WITH ended AS (
           SELECT family_id FROM refresh_tokens
           GROUP BY family_id
           HAVING (max(expires_at) <= now() OR bool_or(revoked_at IS NOT NULL))
              AND max(created_at) <= now() - make_interval(secs => $1)
           LIMIT $2
         ), gone AS (
           DELETE FROM refresh_tokens r USING ended e WHERE r.family_id = e.family_id RETURNING r.family_id
         )
         SELECT count(DISTINCT family_id)::int AS families FROM gone`,
        [accessTtlSeconds, batch],
      );
      deleted += families;
      if (families < batch) return deleted;
    }
  }

  /** Revokes every token of a login session. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
