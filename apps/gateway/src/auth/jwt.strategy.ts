import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { UserRepository } from '#libs/database';
import type { AuthUser } from './auth-user.js';
import type { AccessClaims } from './token.service.js';

/**
 * Checks the signature (HS256 only: `alg: none` and any other algorithm are refused) and the
 * expiry, then the token against Postgres, so that a deletion, a password change or a
 * logout takes effect at once; the role comes from Postgres too, never from the token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UserRepository,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(claims: AccessClaims): Promise<AuthUser> {
    const subject = typeof claims.sub === 'string' && typeof claims.sid === 'string' ? await this.users.tokenSubject(claims.sub, claims.sid) : null;
    if (!subject || subject.sessionRevoked || subject.user.tokenVersion !== claims.ver) {
      throw new UnauthorizedException('This access token is no longer valid: log in again');
    }
    const { user } = subject;
    return { id: user.id, username: user.username, role: user.role, sessionId: claims.sid };
  }
}
