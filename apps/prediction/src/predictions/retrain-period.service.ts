import { Inject, Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { APP_CONFIG, type AppConfig } from '#libs/config';

/** Firings of RETRAIN_SCHEDULE looked at for its period: a schedule of uneven gaps counts its longest. */
const FIRINGS = 10;

/**
 * When a model is stale: trained more than two retrain periods ago, a period being the gap
 * between two firings of RETRAIN_SCHEDULE (cron-parser, which BullMQ's job schedulers use too).
 * A model that old has missed two retrains: its worker or its schedule is not doing its job.
 */
@Injectable()
export class RetrainPeriod {
  readonly periodMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const firings = CronExpressionParser.parse(config.RETRAIN_SCHEDULE, { currentDate: new Date(), tz: 'UTC' });
    let previous = firings.next().getTime();
    let longest = 0;
    for (let i = 1; i < FIRINGS; i++) {
      const next = firings.next().getTime();
      longest = Math.max(longest, next - previous);
      previous = next;
    }
    this.periodMs = longest;
  }

  /** Whether a model trained at `trainedAt` is stale `now`. */
  isStale(trainedAt: Date, now = new Date()): boolean {
    return now.getTime() - trainedAt.getTime() > 2 * this.periodMs;
  }
}
