import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { LastAdminError } from '#libs/domain';
import { UserEntity, type UserRole } from '../entities/user.entity.js';

export type NewUser = Pick<UserEntity, 'username' | 'email' | 'passwordHash' | 'role'>;

/** What a request's access token is checked against. */
export interface TokenSubject {
  user: UserEntity;
  /** Whether the login session (refresh-token family) of the token was revoked. */
  sessionRevoked: boolean;
}

interface IdRow {
  id: string;
}
/** The column tokenSubject adds to the user's. */
interface SessionRevokedRow {
  session_revoked: boolean;
}

@Injectable()
export class UserRepository {
  private readonly users: Repository<UserEntity>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.users = db.getRepository(UserEntity);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username: username.toLowerCase() });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** The user behind an access token and the state of its session, in one query. */
  async tokenSubject(userId: string, sessionId: string): Promise<TokenSubject | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect(`EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = :sessionId AND r.revoked_at IS NOT NULL)`, 'session_revoked')
      .where('u.id = :userId', { userId, sessionId })
      .getRawAndEntities<SessionRevokedRow>();
    const [entity] = user.entities;
    return entity ? { user: entity, sessionRevoked: Boolean(user.raw[0].session_revoked) } : null;
  }

  /** Creates a user; returns null when the username is taken. */
  async create(user: NewUser): Promise<UserEntity | null> {
    const [row] = await this.db.query<IdRow[]>(
      `INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username.toLowerCase(), user.email, user.passwordHash, user.role],
    );
    return row ? this.findById(row.id) : null;
  }

  async list(limit: number, offset: number): Promise<{ total: number; users: UserEntity[] }> {
    const [users, total] = await this.users.findAndCount({ order: { createdAt: 'ASC', username: 'ASC' }, take: limit, skip: offset });
    return { total, users };
  }

  async countAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin' });
  }

  /** Every admin's id: who hears of security events (a refresh token used twice). */
  async adminIds(): Promise<string[]> {
    return (await this.users.find({ select: { id: true }, where: { role: 'admin' } })).map((user) => user.id);
  }

  async updateProfile(
    id: string,
    changes: Partial<Pick<UserEntity, 'email' | 'passwordHash'>>,
    revokeTokens: boolean,
  ): Promise<UserEntity> {
    await this.db.transaction(async (tx) => {
      await tx.update(UserEntity, { id }, changes);
      if (revokeTokens) await this.revokeEverything(tx, id);
    });
    return this.users.findOneByOrFail({ id });
  }

  /** Changes a role; refuses to demote the last admin (LastAdminError). */
  async setRole(username: string, role: UserRole): Promise<UserEntity | null> {
    return this.db.transaction(async (tx) => {
      const target = await this.lockAdminsAndFind(tx, username);
      if (!target) return null;
      if (target.role === 'admin' && role !== 'admin') await this.assertNotLastAdmin(tx, target);
      await tx.update(UserEntity, { id: target.id }, { role });
      return tx.findOneByOrFail(UserEntity, { id: target.id });
    });
  }

  /** Deletes a user and, with them, their refresh tokens; refuses to delete the last admin. */
  async delete(username: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const target = await this.lockAdminsAndFind(tx, username);
      if (!target) return false;
      if (target.role === 'admin') await this.assertNotLastAdmin(tx, target);
      await tx.delete(UserEntity, { id: target.id });
      return true;
    });
  }

  /** Every access and refresh token of the user stops working. */
  async revokeAllTokens(id: string): Promise<void> {
    await this.db.transaction((tx) => this.revokeEverything(tx, id));
  }

  private async revokeEverything(tx: EntityManager, id: string): Promise<void> {
    await tx.increment(UserEntity, { id }, 'tokenVersion', 1);
    await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
  }

  /** Locks the admins' rows, so that two demotions at once cannot remove the last two admins. */
  private async lockAdminsAndFind(tx: EntityManager, username: string): Promise<UserEntity | null> {
    await tx.query<IdRow[]>(`SELECT id FROM users WHERE role = 'admin' FOR UPDATE`);
    return tx.findOneBy(UserEntity, { username: username.toLowerCase() });
  }

  private async assertNotLastAdmin(tx: EntityManager, target: UserEntity): Promise<void> {
    const admins = await tx.countBy(UserEntity, { role: 'admin' });
    if (admins <= 1) throw new LastAdminError(target.username);
  }
}
