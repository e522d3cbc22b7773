import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AdvisoryLockRepository, LOCKS, UserRepository } from '#libs/database';
import { PasswordService } from '../auth/password.service.js';

/**
 * Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. If a
 * user already has that name, it is not promoted: anyone could have signed up with it.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly locks: AdvisoryLockRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.locks.runExclusive(...LOCKS.firstAdmin, () => this.ensureAdmin());
  }

  private async ensureAdmin(): Promise<void> {
    if ((await this.users.countAdmins()) > 0) return;
    const username = this.config.ADMIN_USERNAME.toLowerCase();
    const created = await this.users.create({
      username,
      email: null,
      passwordHash: await this.passwords.hash(this.config.ADMIN_PASSWORD),
      role: 'admin',
    });
    if (created) this.logger.log(`created the first admin, '${username}' (ADMIN_USERNAME)`);
    else this.logger.error(`no admin exists, and '${username}' (ADMIN_USERNAME) is taken by a user: set ADMIN_USERNAME to a free name`);
  }
}
