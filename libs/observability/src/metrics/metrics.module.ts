import { Module, type DynamicModule } from '@nestjs/common';
import { UnexpectedErrorCounter } from '#libs/http';
import { HttpExceptionsCounter } from './http-exceptions.counter.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS_SERVICE, Metrics, type ServiceName } from './metrics.js';

/**
 * GET /metrics, HTTP request metrics (HttpMetricsMiddleware, which the app applies with
 * observeHttp), and the Metrics catalogue for every provider of the app; also the counter of
 * unexpected errors that the error filters (#libs/http useErrorFilters) report to.
 */
@Module({})
export class MetricsModule {
  static forRoot(service: ServiceName): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_SERVICE, useValue: service },
        Metrics,
        HttpMetricsMiddleware,
        { provide: UnexpectedErrorCounter, useClass: HttpExceptionsCounter },
      ],
      exports: [Metrics, HttpMetricsMiddleware, UnexpectedErrorCounter],
    };
  }
}
