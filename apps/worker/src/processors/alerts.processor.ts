import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName, type EvaluatePayload, workerLockOptions } from '#libs/queue';
import { AlertEvaluationService, type EvaluationOutcome } from '../alerts/alert-evaluation.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** `evaluate` jobs: the active rules of one series checked once for one event (a candle, a forecast, a scoring, a failed training, a stale check). */
@Processor(QueueName.Alerts, { concurrency: 4, ...workerLockOptions() })
export class AlertsProcessor extends InstrumentedProcessor<EvaluatePayload, EvaluationOutcome> {
  constructor(private readonly evaluation: AlertEvaluationService) {
    super();
  }

  protected run(job: Job<EvaluatePayload>): Promise<EvaluationOutcome> {
    return this.evaluation.evaluate(job.data);
  }
}
