import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { UserRepository, type UserEntity, type UserRole } from '#libs/database';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthEvents } from '../auth/auth-events.service.js';
import { LoginThrottle } from '../auth/login-throttle.service.js';
import { PasswordService } from '../auth/password.service.js';
import { passwordWeakness } from '../auth/password.policy.js';
import type { UpdateMeDto } from './dto/update-me.dto.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
    private readonly events: AuthEvents,
  ) {}

  async me(caller: AuthUser): Promise<UserEntity> {
    return this.require(await this.users.findById(caller.id), caller.username);
  }

  /** Email and password changes, each needing the current password; a new password ends every session. */
  async updateMe(caller: AuthUser, dto: UpdateMeDto, ip: string): Promise<UserEntity> {
    const user = await this.me(caller);
    // Guessed with the same limits as a login: a stolen access token must not find the password.
    await this.throttle.beforePasswordCheck(ip, user.username, 'password_guess');
    if (!(await this.passwords.verify(user.passwordHash, dto.current_password))) {
      await this.throttle.passwordFailed(user.username);
      this.events.count('password_guess');
      throw new BadRequestException('current_password is not your current password');
    }
    await this.throttle.passwordSucceeded(ip, user.username);
    if (dto.password) {
      const weakness = passwordWeakness(dto.password, user.username);
      if (weakness) throw new BadRequestException(weakness);
    }
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : undefined;
    return this.users.updateProfile(
      user.id,
      { ...(dto.email !== undefined && { email: dto.email }), ...(passwordHash && { passwordHash }) },
      Boolean(passwordHash),
    );
  }

  list(limit: number, offset: number) {
    return this.users.list(limit, offset);
  }

  async setRole(username: string, role: UserRole): Promise<UserEntity> {
    return this.require(await this.users.setRole(username, role), username);
  }

  async delete(username: string): Promise<void> {
    if (!(await this.users.delete(username))) throw new NotFoundException(`No user named '${username.toLowerCase()}'`);
  }

  private require(user: UserEntity | null, username: string): UserEntity {
    if (!user) throw new NotFoundException(`No user named '${username.toLowerCase()}'`);
    return user;
  }
}
