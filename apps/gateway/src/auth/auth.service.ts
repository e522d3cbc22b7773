import { Injectable, UnauthorizedException } from '@nestjs/common';
import { UserRepository, type UserEntity } from '#libs/database';
import { UsernameTakenError } from '#libs/domain';
import type { AuthUser } from './auth-user.js';
import { AuthEvents } from './auth-events.service.js';
import type { LoginDto } from './dto/login.dto.js';
import type { SignupDto } from './dto/signup.dto.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { RefreshThrottle } from './refresh-throttle.service.js';
import { TokenService, type IssuedTokens } from './token.service.js';

/** Deliberately the same for an unknown user and a wrong password. */
const BAD_CREDENTIALS = 'Invalid username or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly refreshThrottle: RefreshThrottle,
    private readonly events: AuthEvents,
  ) {}

  async signup(dto: SignupDto, ip: string): Promise<UserEntity> {
    await this.throttle.beforeSignup(ip, dto.username);
    const user = await this.users.create({
      username: dto.username,
      email: dto.email ?? null,
      passwordHash: await this.passwords.hash(dto.password),
      role: 'user',
    });
    if (!user) throw new UsernameTakenError(dto.username.toLowerCase());
    return user;
  }

  async login(dto: LoginDto, ip: string): Promise<IssuedTokens> {
    await this.throttle.beforeLogin(ip, dto.username);
    const user = await this.users.findByUsername(dto.username);
    if (!(await this.passwords.verify(user?.passwordHash, dto.password)) || !user) {
      await this.throttle.passwordFailed(dto.username);
      this.events.count('login_failed');
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.passwordSucceeded(ip, dto.username);
    return this.tokens.issue(user, dto.remember === true);
  }

  async refresh(refreshToken: string, ip: string): Promise<IssuedTokens> {
    await this.refreshThrottle.beforeRefresh(ip);
    return this.tokens.rotate(refreshToken, ip);
  }

  /** Ends the session of a refresh token, whoever holds it: the web app's cookie, in cookie mode. */
  endSession(refreshToken: string): Promise<void> {
    return this.tokens.end(refreshToken);
  }

  /** Ends a session: the given refresh token's, or else the access token's own. */
  async logout(user: AuthUser, refreshToken?: string): Promise<void> {
    if (refreshToken !== undefined) await this.tokens.revoke(refreshToken, user.id);
    else await this.tokens.revokeSession(user.sessionId);
  }
}
