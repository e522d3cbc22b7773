import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS_SERVICE, Metrics, type ServiceName } from './metrics.js';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';

/** GET /metrics, HTTP request metrics, and the Metrics catalogue for every provider of the app. */
@Module({})
export class MetricsModule implements NestModule {
  static forRoot(service: ServiceName): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_SERVICE, useValue: service }, Metrics, { provide: APP_FILTER, useClass: UnexpectedErrorFilter }],
      exports: [Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
