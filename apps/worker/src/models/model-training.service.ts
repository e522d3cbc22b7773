import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AdvisoryLockRepository, AssetRepository, CandleRepository, EvaluationRepository, LOCKS, ModelRepository } from '#libs/database';
import { checkTrainingBudget, type TrainingMetrics } from '#libs/domain';
import { train, validateHyperparameters, type EpochLog } from '#libs/ml';
import type { TrainPayload } from '#libs/queue';

export interface TrainingProgress extends EpochLog {
  epochs: number;
  modelId: string;
  version: number;
}

export interface TrainingOutcome {
  modelId: string;
  version: number;
  backend: string;
  trainingMs: number;
  bestEpoch: number;
  test: { samples: number; model: Record<string, number>; naive: Record<string, number> } | null;
}

/** Another training of the same asset and interval holds the lock: a later attempt will get it. */
export class TrainingBusyError extends Error {}

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

/**
 * Trains a model and registers it: `training` first, `ready` only with its artifact in the same
 * statement, or `failed` with the reason. One training per asset and interval at a time, across
 * all workers; a training left `training` by a worker that died is marked failed by the next.
 */
@Injectable()
export class ModelTrainingService {
  private readonly logger = new Logger(ModelTrainingService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly locks: AdvisoryLockRepository,
  ) {}

  async train(
    payload: TrainPayload,
    report: (progress: TrainingProgress) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<TrainingOutcome> {
    const hyperparameters = validateHyperparameters(payload.hyperparameters ?? {});
    const asset = await this.assets.require(payload.asset);
    const { interval } = payload;

    const outcome = await this.locks.withLock(...LOCKS.training(asset.id, interval), async () => {
      const interrupted = await this.models.failInterrupted(asset.id, interval);
      if (interrupted) this.logger.warn(`${asset.symbol} ${payload.interval}: ${interrupted} interrupted training(s) marked failed`);
      const candles = await this.candles.recent(asset.id, interval, this.config.TRAIN_MAX_CANDLES);
      // The API checked this already; a job enqueued some other way is refused here, before any model exists.
      checkTrainingBudget(hyperparameters, candles.length, this.config.TRAIN_COST_BUDGET);
      const model = await this.models.create({ assetId: asset.id, interval, status: 'training', hyperparameters });
      try {
        const result = await train(candles, hyperparameters, {
          signal,
          backend: this.config.ML_BACKEND,
          onEpoch: (log) => report({ ...log, epochs: hyperparameters.epochs, modelId: model.id, version: model.version }),
        });
        const metrics: TrainingMetrics = {
          bestEpoch: result.bestEpoch,
          samples: result.samples,
          validation: result.validation,
          test: result.test,
          history: result.history,
        };
        const completed = await this.models.completeTraining(model.id, {
          features: result.featureSpec,
          trainedFrom: at(result.trainedFrom),
          trainedTo: at(result.trainedTo),
          metrics,
          backend: result.backend,
          trainingMs: Math.round(result.durationMs),
          topology: result.artifact.topology,
          weightSpecs: result.artifact.weightSpecs,
          weights: result.artifact.weights,
        });
        if (!completed) throw new Error(`model ${model.id} is no longer training: it was marked failed meanwhile`);
        if (result.test) {
          await this.evaluations.add({
            modelId: model.id,
            kind: 'train',
            windowFrom: at(result.test.from),
            windowTo: at(result.test.to),
            samples: result.test.samples,
            metrics: result.test.model,
            naiveMetrics: result.test.naive,
          });
        }
        await this.models.archiveOld(asset.id, interval, this.config.MODELS_KEPT);
        this.logger.log(
          `${asset.symbol} ${payload.interval} v${model.version} ready in ${Math.round(result.durationMs)} ms on ${result.backend}` +
            (result.test ? `: MASE ${result.test.model.mase.toFixed(3)} on ${result.test.samples} test candles` : ''),
        );
        return {
          modelId: model.id,
          version: model.version,
          backend: result.backend,
          trainingMs: Math.round(result.durationMs),
          bestEpoch: result.bestEpoch,
          test: result.test && { samples: result.test.samples, model: result.test.model, naive: result.test.naive },
        };
      } catch (error) {
        await this.models.failTraining(model.id, error instanceof Error ? error.message : String(error));
        throw error;
      }
    });
    if (!outcome.locked) throw new TrainingBusyError(`another training of ${asset.symbol} ${payload.interval} is running`);
    return outcome.result;
  }
}
