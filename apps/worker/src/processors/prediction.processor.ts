import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type PredictPayload, workerLockOptions } from '#libs/queue';
import { ForecastingService, type ForecastOutcome } from '../models/forecasting.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/**
 * `predict` jobs: the served model's calibrated forecast, and the actual closes of past forecasts
 * (which move the calibration); a new forecast has the series' alert rules checked on it.
 */
@Processor(QueueName.Prediction, { concurrency: 1, ...workerLockOptions() })
export class PredictionProcessor extends InstrumentedProcessor<PredictPayload, ForecastOutcome> {
  constructor(
    private readonly forecasting: ForecastingService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<PredictPayload>): Promise<ForecastOutcome> {
    const outcome = await this.forecasting.forecast(job.data);
    if (outcome.closes.length > 0)
      this.metrics.predictionsGenerated.inc({ asset: outcome.asset, interval: outcome.interval }, outcome.closes.length);
    if (outcome.forecast !== null) {
      const { asset, interval, requestId } = job.data;
      await this.producer.enqueue(JobName.Evaluate, { asset, interval, requestId, trigger: 'forecast', predictionId: outcome.forecast });
    }
    return outcome;
  }
}
