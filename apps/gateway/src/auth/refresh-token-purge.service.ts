import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AdvisoryLockRepository, LOCKS, RefreshTokenRepository } from '#libs/database';

/**
 * Every `REFRESH_TOKEN_PURGE_EVERY`, deletes the refresh tokens of sessions that have ended
 * (RefreshTokenRepository.deleteEndedSessions), so that the table does not grow without bound.
 * Run by the gateway, which owns the tokens and their lifetimes, under a Postgres advisory lock
 * so that one gateway at a time does it; it needs nothing from Redis (README, Accounts and tokens).
 */
@Injectable()
export class RefreshTokenPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RefreshTokenPurge.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly locks: AdvisoryLockRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.REFRESH_TOKEN_PURGE_EVERY * 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One purge, unless another gateway is purging now; the number of sessions deleted (0 when it was another's turn). */
  async purge(): Promise<number> {
    const outcome = await this.locks.withLock(...LOCKS.refreshTokenPurge, () =>
      this.refreshTokens.deleteEndedSessions(this.config.JWT_ACCESS_TTL),
    );
    return outcome.locked ? outcome.result : 0;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.purge().then(
      (sessions) => {
        if (sessions > 0) this.logger.log(`deleted the refresh tokens of ${sessions} ended sessions`);
      },
      (error: unknown) => this.logger.warn(`could not delete the refresh tokens of ended sessions: ${String(error)}`),
    );
    await this.running;
    this.running = undefined;
  }
}
