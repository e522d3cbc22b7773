import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity.js';

@Injectable()
export class RefreshTokenRepository {
  private readonly tokens: Repository<RefreshTokenEntity>;

  constructor(@InjectDataSource() db: DataSource) {
    this.tokens = db.getRepository(RefreshTokenEntity);
  }

  async create(token: Pick<RefreshTokenEntity, 'id' | 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
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

  /** Revokes every token of a login session. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
