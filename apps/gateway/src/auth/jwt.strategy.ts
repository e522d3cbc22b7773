import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { CHANGE_CHANNELS, ChangeFedCache, ChangeFeed, UserRepository, type TokenSubject } from '#libs/database';
import type { AuthUser } from './auth-user.js';
import type { AccessClaims } from './token.service.js';

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Checks the signature (HS256 only: `alg: none` and any other algorithm are refused) and the
 * expiry, then the token against Postgres, so that a deletion, a password change or a
 * logout takes effect at once; the role comes from Postgres too, never from the token.
 *
 * What Postgres says of a user and session is kept in memory until Postgres notifies that the
 * user or one of their sessions changed (ChangeFeed): a role change, a deletion, a new password
 * or a logout, made by any gateway, empties that user's entries when its transaction commits.
 *
 * A token's signature is checked once: the claims of a token that passed are remembered until
 * it expires, and `known` checks a token seen before against Postgres (or its memory) without
 * Passport. Only what the signature proves is remembered, never whether the session still holds.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly subjects: ChangeFedCache<TokenSubject>;
  private readonly verified = new LRUCache<string, AccessClaims & { exp: number }>({ max: 10_000 });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UserRepository,
    feed: ChangeFeed,
  ) {
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a public
    // key on every verification, and that failed attempt cost a tenth of the gateway's CPU under load.
    const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
    super({
      jwtFromRequest: bearerToken,
      // @types/passport-jwt 4 types the key as string | Buffer (its secretOrKeyProvider too), but
      // passport-jwt hands it to jsonwebtoken.verify as it is, which takes a KeyObject.
      secretOrKey: key as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
    // Keyed `<user id>:<session id>`; a notification names the user.
    this.subjects = new ChangeFedCache(feed, CHANGE_CHANNELS.auth, { max: 10_000, ttlMs: 10 * 60_000 }, (userId, key) =>
      key.startsWith(`${userId}:`),
    );
  }

  /** Called by Passport once the signature and expiry hold. */
  async validate(req: Request, claims: AccessClaims & { exp?: number }): Promise<AuthUser> {
    const token = bearerToken(req);
    if (token && typeof claims.exp === 'number') this.verified.set(token, { ...claims, exp: claims.exp });
    return this.caller(claims);
  }

  /** The caller of a request whose token passed before and has not expired; undefined for any other. */
  known(req: Request): Promise<AuthUser> | undefined {
    const token = bearerToken(req);
    const claims = token ? this.verified.get(token) : undefined;
    if (!claims) return undefined;
    if (claims.exp * 1000 <= Date.now()) {
      this.verified.delete(token!);
      return undefined;
    }
    return this.caller(claims);
  }

  private async caller(claims: AccessClaims & { exp?: number }): Promise<AuthUser> {
    const { sub, sid } = claims;
    const subject =
      typeof sub === 'string' && typeof sid === 'string'
        ? await this.subjects.get(`${sub}:${sid}`, () => this.users.tokenSubject(sub, sid))
        : null;
    if (!subject || subject.sessionRevoked || subject.user.tokenVersion !== claims.ver) {
      throw new UnauthorizedException('This access token is no longer valid: log in again');
    }
    const { user } = subject;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      sessionId: claims.sid,
      tokenVersion: claims.ver,
      // Every token TokenService issues has one; Passport has checked it has not passed.
      expiresAt: claims.exp ?? Number.POSITIVE_INFINITY,
    };
  }
}
