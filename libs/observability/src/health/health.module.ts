import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { TerminusModule, type HealthIndicatorFunction } from '@nestjs/terminus';
import { EXTRA_HEALTH_CHECKS, HealthController } from './health.controller.js';
import { RedisHealthIndicator } from './redis.health.js';

export interface HealthOptions<Deps extends unknown[] = unknown[]> {
  /** Modules that provide what `checks` needs. */
  imports?: ModuleMetadata['imports'];
  inject?: { [K in keyof Deps]: unknown };
  /** Checks of this app's own besides Postgres and Redis (the gateway checks the prediction service). */
  checks?: (...deps: Deps) => HealthIndicatorFunction[];
}

/** GET /health: Postgres and Redis, plus an app's own checks; 503 naming what is down. */
@Module({})
export class HealthModule {
  static forRoot<Deps extends unknown[]>(options: HealthOptions<Deps> = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        RedisHealthIndicator,
        { provide: EXTRA_HEALTH_CHECKS, inject: (options.inject ?? []) as never[], useFactory: options.checks ?? (() => []) },
      ],
    };
  }
}
