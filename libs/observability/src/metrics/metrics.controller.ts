import { Controller, Get, Header, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Public, secretCheck } from '#libs/http';
import { Metrics } from './metrics.js';

/**
 * GET /metrics for Prometheus. With METRICS_TOKEN set (required in production) it answers only
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, anyone who reaches the port may read it,
 * which suits a developer machine. It needs no user login and no internal token.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly isMetricsToken?: (given: string) => boolean;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (config.METRICS_TOKEN) this.isMetricsToken = secretCheck(config.METRICS_TOKEN);
  }

  @Get()
  @Public()
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (this.isMetricsToken) {
      const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthorizedException('Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
      if (!this.isMetricsToken(token)) throw new UnauthorizedException('Invalid metrics token');
    }
    return this.metrics.scrape();
  }
}
