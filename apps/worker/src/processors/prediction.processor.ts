import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName, type PredictPayload, workerLockOptions } from '#libs/queue';
import { ForecastingService, type ForecastOutcome } from '../models/forecasting.service.js';
import { retryDecided } from './job-errors.js';

/** `predict` jobs: the best model's next closes, and the actual closes of past forecasts. */
@Processor(QueueName.Prediction, { concurrency: 1, ...workerLockOptions() })
export class PredictionProcessor extends WorkerHost {
  constructor(private readonly forecasting: ForecastingService) {
    super();
  }

  process(job: Job<PredictPayload>): Promise<ForecastOutcome> {
    return retryDecided(() => this.forecasting.forecast(job.data));
  }
}
