import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RefreshTokenRepository, UserRepository, type UserEntity } from '#libs/database';
import { NotificationDispatcher } from '#libs/notifications';
import { AuthEvents } from './auth-events.service.js';
import type { TokenPairDto } from './dto/token-pair.dto.js';
import { RefreshThrottle } from './refresh-throttle.service.js';

/** Claims of an access token. `sid` is the login session (refresh-token family), `ver` the user's token version. */
export interface AccessClaims {
  sub: string;
  username: string;
  role: string;
  sid: string;
  ver: number;
}

/** A new pair, and whether its session's cookie outlives the browser session ("stay signed in"). */
export interface IssuedTokens {
  pair: TokenPairDto;
  persistent: boolean;
}

/** A login session: its id (the refresh-token family), and whether it was opened with "stay signed in". */
interface Session {
  id: string;
  persistent: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Short-lived access tokens (HS256 JWTs) and rotating single-use refresh tokens, stored as
 * hashes. A refresh token is `<id>.<secret>`; using one twice revokes its whole session.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);

  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly throttle: RefreshThrottle,
    private readonly events: AuthEvents,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new access and refresh token; a new session (persistent or not) unless `session` continues one. */
  async issue(user: UserEntity, session: Session | boolean): Promise<IssuedTokens> {
    const { id: sessionId, persistent } = typeof session === 'boolean' ? { id: randomUUID(), persistent: session } : session;
    const claims: AccessClaims = { sub: user.id, username: user.username, role: user.role, sid: sessionId, ver: user.tokenVersion };
    const secret = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.refreshTokens.create({
      id,
      userId: user.id,
      familyId: sessionId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL * 1000),
      persistent,
    });
    const pair: TokenPairDto = {
      access_token: await this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL }),
      refresh_token: `${id}.${secret}`,
      token_type: 'Bearer',
      expires_in: this.config.JWT_ACCESS_TTL,
    };
    return { pair, persistent };
  }

  /** Trades a refresh token for a new pair. A token used before revokes its session: it was stolen, or leaked. */
  async rotate(refreshToken: string, client = 'an unknown address'): Promise<IssuedTokens> {
    const stored = await this.find(refreshToken);
    if (stored.revokedAt || stored.expiresAt.getTime() <= Date.now())
      throw new UnauthorizedException('Refresh token expired or revoked: log in again');
    if (stored.usedAt) throw await this.reused(stored, client);
    // Counted before the token is spent: a refresh refused for going too fast leaves it usable.
    await this.throttle.beforeRotation(stored.familyId);
    if (!(await this.refreshTokens.claim(stored.id))) throw await this.reused(stored, client);
    const user = await this.users.findById(stored.userId);
    if (!user) throw new UnauthorizedException('Refresh token expired or revoked: log in again');
    return this.issue(user, { id: stored.familyId, persistent: stored.persistent });
  }

  /** Ends the session of a refresh token, which must belong to `userId`. */
  async revoke(refreshToken: string, userId: string): Promise<void> {
    const stored = await this.find(refreshToken);
    if (stored.userId !== userId) throw new UnauthorizedException('Invalid refresh token');
    await this.refreshTokens.revokeFamily(stored.familyId);
  }

  /** Ends the session of a refresh token, whoever holds it (cookie mode: the cookie is the proof). */
  async end(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamily((await this.find(refreshToken)).familyId);
  }

  revokeSession(sessionId: string): Promise<void> {
    return this.refreshTokens.revokeFamily(sessionId);
  }

  /** A used token came back (stolen, or sent again by a client that retried): its session ends. */
  private async reused(stored: { familyId: string; userId: string }, client: string): Promise<UnauthorizedException> {
    await this.refreshTokens.revokeFamily(stored.familyId);
    this.events.count('refresh_reuse');
    await this.tellAdmins(stored.userId, client);
    return new UnauthorizedException('Refresh token used twice: its session is revoked, log in again');
  }

  /** Every admin hears of a reuse in their inbox: whose session, and from which address; never a token. */
  private async tellAdmins(userId: string, client: string): Promise<void> {
    try {
      const username = (await this.users.findById(userId))?.username ?? 'a deleted user';
      for (const admin of await this.users.adminIds()) {
        await this.dispatcher.send({
          userId: admin,
          kind: 'refresh_reuse',
          event: 'security.refresh_reuse',
          title: `A refresh token of ${username} was used twice`,
          body:
            `A refresh token of ${username} that had already been used came back from ${client}: the session may have been stolen. ` +
            `It is revoked, and ${username} must log in again.`,
          data: { userId, username, clientAddress: client },
          channels: ['inbox'],
          occurredAt: new Date(),
        });
      }
    } catch (error) {
      // The refusal stands whether or not the notice could be written.
      this.logger.warn(`could not tell the admins of a refresh token reuse: ${(error as Error).message}`);
    }
  }

  private async find(refreshToken: string) {
    const [id, secret] = refreshToken.split('.');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const stored = id && secret && uuid.test(id) ? await this.refreshTokens.findById(id) : null;
    if (!stored || !timingSafeEqual(Buffer.from(stored.tokenHash), Buffer.from(sha256(secret)))) {
      throw new UnauthorizedException('Invalid refresh token');
    }
    return stored;
  }
}
