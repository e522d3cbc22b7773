import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '#libs/config';

/** The gateway's readiness includes the private link: is the prediction service answering its /health? */
@Injectable()
export class PredictionHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async isHealthy(key = 'prediction') {
    const check = this.health.check(key);
    const started = Date.now();
    try {
      const res = await fetch(`${this.config.PREDICTION_URL.replace(/\/+$/, '')}/health`, { signal: AbortSignal.timeout(1500) });
      return res.ok ? check.up({ latencyMs: Date.now() - started }) : check.down({ message: `answered HTTP ${res.status}` });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return check.down({ message: cause ?? (error instanceof Error ? error.message : String(error)) });
    }
  }
}
