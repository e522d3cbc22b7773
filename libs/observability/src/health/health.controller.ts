import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '#libs/http';
import { RedisHealthIndicator } from './redis.health.js';

/** Extra checks an app adds to its own health (the gateway checks the prediction service). */
export const EXTRA_HEALTH_CHECKS = Symbol('EXTRA_HEALTH_CHECKS');

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Inject(EXTRA_HEALTH_CHECKS) private readonly extra: HealthIndicatorFunction[],
  ) {}

  /** 200 when Postgres and Redis answer, 503 with the failing part named when not. */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 1500 }), () => this.redis.isHealthy('redis'), ...this.extra]);
  }
}
