import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AdvisoryLockRepository, AssetRepository, BacktestRepository, CandleRepository, LOCKS, ModelRepository } from '#libs/database';
import { checkTrainingBudget, DEFAULT_HYPERPARAMETERS, intervalSeconds, type ModelFamily } from '#libs/domain';
import { fitForProduction, forecasterFor, InsufficientCandlesError, summarizeWalkForward, toSeries } from '#libs/ml';
import type { TrainPayload } from '#libs/queue';
import { backtestRows } from './backtest-records.js';
import { trainingPlan, walkForwardSettings, type TrainingPlan } from './training-plan.js';

/** What a training job reports as its progress: each refit of its walk-forward, and each epoch of an LSTM fit. */
export interface TrainingProgress {
  modelId: string;
  version: number;
  family: ModelFamily;
  /** Fits done so far of `refits` (the walk-forward's and the final one). */
  refit: number;
  refits: number;
  /** The LSTM's epochs inside the running fit. */
  epoch?: number;
  epochs?: number;
  loss?: number;
  valLoss?: number | null;
}

export interface TrainingOutcome {
  modelId: string;
  version: number;
  family: ModelFamily;
  backend: string | null;
  trainingMs: number;
  /** Candles the training read, and the walk-forward's origins among them. */
  candles: number;
  origins: number;
  fits: number;
  /** The walk-forward's pinball loss and 90% coverage (one step), null without origins. */
  pinball: number | null;
  coverage90: number | null;
  /** The backtests row of its walk-forward. */
  backtestId: string;
}

/** Another training of the same asset, interval and family holds the lock: a later attempt will get it. */
export class TrainingBusyError extends Error {}

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

/** All stored candles: LIMIT takes a bigint. */
const ALL = Number.MAX_SAFE_INTEGER;

/**
 * Trains one family for one series and registers it: `training` first, `ready` only with its
 * artifact and calibration in the same statement, or `failed` with the reason. The model is what
 * fitForProduction gives: a walk-forward over the newest origins (the registry's metrics, the
 * calibration's residuals, and a `training` backtest with its records, which the score job
 * compares), then a fit on every candle up to the newest. One training per asset, interval and
 * family at a time across all workers, so that baselines train while an LSTM does.
 */
@Injectable()
export class ModelTrainingService {
  private readonly logger = new Logger(ModelTrainingService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
    private readonly backtests: BacktestRepository,
    private readonly locks: AdvisoryLockRepository,
  ) {}

  async train(
    payload: TrainPayload & { family: ModelFamily },
    report: (progress: TrainingProgress) => Promise<void>,
    options: { signal?: AbortSignal; jobId?: string } = {},
  ): Promise<TrainingOutcome> {
    const asset = await this.assets.require(payload.asset);
    const { interval, family } = payload;
    const settings = payload.hyperparameters ?? {};
    const plan = trainingPlan(interval, family, this.config, { horizon: settings.horizon });

    const outcome = await this.locks.withLock(...LOCKS.training(asset.id, interval, family), async () => {
      const interrupted = await this.models.failInterrupted(asset.id, interval, family);
      if (interrupted) this.logger.warn(`${asset.symbol} ${interval} ${family}: ${interrupted} interrupted training(s) marked failed`);
      const candles = await this.candles.recent(asset.id, interval, plan.maxCandles ?? ALL);
      const forecaster = forecasterFor(family);
      const needed = forecaster.minCandles({ horizon: plan.horizon, settings });
      // Refused before any model exists: a retry cannot bring candles (a sync will, and enqueue training then).
      if (candles.length < needed) throw new InsufficientCandlesError(needed, candles.length, `A ${family} model of ${interval}`);
      // The API checked this already (its own budgets count seeds, folds and refits); a job enqueued some other way is refused here.
      if (family === 'lstm')
        checkTrainingBudget({ ...DEFAULT_HYPERPARAMETERS, ...settings }, candles.length, this.config.TRAIN_COST_BUDGET);

      const model = await this.models.create({ assetId: asset.id, interval, family, status: 'training', hyperparameters: settings });
      const started = performance.now();
      try {
        const series = toSeries(candles);
        let refit = 0;
        let refits = 1;
        const progress = (extra: Partial<TrainingProgress> = {}) =>
          report({ modelId: model.id, version: model.version, family, refit, refits, ...extra });
        const fit = await fitForProduction(forecaster, series, {
          horizon: plan.horizon,
          span: plan.origins,
          refitEvery: plan.refitEvery,
          fit: {
            settings,
            stepSeconds: intervalSeconds(interval),
            backend: this.config.ML_BACKEND,
            onProgress: (epoch) => progress({ epoch: epoch.epoch, epochs: epoch.epochs, loss: epoch.loss, valLoss: epoch.valLoss }),
          },
          walkForwardSettings: family === 'lstm' ? walkForwardSettings(family, settings) : undefined,
          signal: options.signal,
          onRefit: async (done) => {
            refit = done.refit;
            refits = done.refits;
            await progress();
          },
        });
        fit.fitted.dispose();
        const records = fit.walkForward.records;
        // The registry's metrics and the score's choice are the walk-forward's: a model without one is not worth serving.
        if (records.length === 0) throw new InsufficientCandlesError(needed + 1, candles.length, `A ${family} model with a walk-forward`);
        const summary = summarizeWalkForward(records, { segment: 365 });
        const trainingMs = Math.round(performance.now() - started);
        const { weights, ...artifact } = fit.artifact;
        const completed = await this.models.completeFit(model.id, {
          artifact,
          weights: weights ?? null,
          calibration: fit.calibration,
          metrics: summary,
          trainedFrom: at(fit.trainedFrom),
          trainedTo: at(fit.trainedTo),
          backend: family === 'lstm' ? (this.config.ML_BACKEND ?? null) : null,
          trainingMs,
        });
        if (!completed) throw new Error(`model ${model.id} is no longer training: it was marked failed meanwhile`);
        const backtestId = await this.backtests.save(
          {
            assetId: asset.id,
            interval,
            family,
            modelId: model.id,
            kind: 'training',
            params: { ...paramsOf(plan, artifact.settings), walkForwardSettings: walkForwardSettings(family, settings) },
            summary,
            jobId: options.jobId ?? null,
          },
          backtestRows(records),
        );
        await this.models.archiveOld(asset.id, interval, this.config.MODELS_KEPT);
        const pinball = summary.pinball;
        const coverage90 = summary.coverage.find((c) => c.level === 90)?.value ?? null;
        this.logger.log(
          `${asset.symbol} ${interval} ${family} v${model.version} ready in ${trainingMs} ms, ${fit.walkForward.fits + 1} fits on ${candles.length} candles` +
            `: pinball ${pinball?.toFixed(5)}, 90% coverage ${coverage90?.toFixed(3)} over ${records.length} origins`,
        );
        return {
          modelId: model.id,
          version: model.version,
          family,
          backend: family === 'lstm' ? (this.config.ML_BACKEND ?? null) : null,
          trainingMs,
          candles: candles.length,
          origins: records.length,
          fits: fit.walkForward.fits + 1,
          pinball,
          coverage90,
          backtestId,
        };
      } catch (error) {
        await this.models.failTraining(model.id, error instanceof Error ? error.message : String(error));
        throw error;
      }
    });
    if (!outcome.locked) throw new TrainingBusyError(`another ${family} training of ${asset.symbol} ${interval} is running`);
    return outcome.result;
  }
}

/** What a backtests row says of the walk-forward that made it. */
export function paramsOf(plan: TrainingPlan, settings: Record<string, number>): Record<string, unknown> {
  return { span: plan.origins, horizon: plan.horizon, refitEvery: plan.refitEvery, maxCandles: plan.maxCandles, settings };
}
