import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { EvaluationRepository, ModelRepository, PredictionRepository, type AssetEntity, type ModelSummary } from '#libs/database';
import { configurePrediction, PREDICTION_APP_OPTIONS } from '../../apps/prediction/src/prediction.app.js';
import { PredictionModule } from '../../apps/prediction/src/prediction.module.js';
import { DEFAULT_HYPERPARAMETERS, type Evaluation, type ForecastMetrics, type TrainingMetrics } from '#libs/domain';
import { bootApp } from './nest-app.js';

/**
 * The prediction service as main.ts sets it up. `before` runs before the routes are registered
 * (to record requests, for instance); `override` may replace providers (see bootApp).
 */
export function bootPrediction(
  env: Record<string, string> = {},
  before: (app: INestApplication) => void = () => undefined,
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<NestExpressApplication> {
  return bootApp<NestExpressApplication>(
    PredictionModule,
    env,
    (app) => {
      configurePrediction(app);
      before(app);
      return app;
    },
    PREDICTION_APP_OPTIONS,
    override,
  );
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** What a training of the seeded models reports, as the worker stores it: `mase` on its test split. */
export function trainingMetrics(mase: number): TrainingMetrics {
  const model: ForecastMetrics = { mae: 1.5, rmse: 1.8, mape: 1.2, r2: 0.1, mase, directionalAccuracy: 0.5 };
  const naive: ForecastMetrics = { mae: 1.5 / mase, rmse: 2, mape: 1.3, r2: 0, mase: 1, directionalAccuracy: 0 };
  const test: Evaluation = { samples: 1, from: 1381190400, to: 1381190400, model, naive, steps: [{ model, naive }] };
  return {
    bestEpoch: 1,
    samples: { train: 1, validation: 1, test: 1 },
    validation: test,
    test,
    history: [{ epoch: 1, loss: 0.9, valLoss: 1.1 }],
  };
}

/** Hyperparameters as the worker stores them: every one, the defaults filled in. */
export const hyperparameters = (given: Partial<typeof DEFAULT_HYPERPARAMETERS>) => ({ ...DEFAULT_HYPERPARAMETERS, ...given });

/**
 * BTC daily models and forecasts over the real candles of test/support/fixtures.ts (BTC_DAILY,
 * 2013-10-06 to 2013-10-09): version 1 ready, version 2 ready and best with two evaluations, and
 * two forecasts of version 2: one made on 2013-10-07 whose three targets have closed, and the
 * latest, made on 2013-10-10, for the three days after the last stored candle.
 */
export async function seedForecasts(app: INestApplication, btc: AssetEntity): Promise<{ best: ModelSummary; older: ModelSummary }> {
  const models = app.get(ModelRepository);
  const base = { assetId: btc.id, interval: '1d' as const, status: 'ready' as const, backend: 'cpu', trainingMs: 1234 };
  const older = await models.create({ ...base, hyperparameters: hyperparameters({ units: 16 }), metrics: trainingMetrics(1.2) });
  const best = await models.create({
    ...base,
    hyperparameters: hyperparameters({ units: 32, window: 30 }),
    metrics: trainingMetrics(0.95),
    trainedFrom: day('2013-10-06'),
    trainedTo: day('2013-10-08'),
    topology: { secret: 'layers' },
    weightSpecs: [{ name: 'kernel', shape: [1], dtype: 'float32' }],
    weights: Buffer.from('weights that must never be served'),
  });
  await models.markBest(best.id);

  const evaluations = app.get(EvaluationRepository);
  const window = { windowFrom: day('2013-10-06'), windowTo: day('2013-10-09'), samples: 3 };
  await evaluations.add({
    modelId: best.id,
    kind: 'train',
    ...window,
    metrics: { mae: 2, rmse: 2.2, mape: 1.6, r2: 0.1, mase: 0.95, directionalAccuracy: 0.33 },
    naiveMetrics: { mae: 2.1, rmse: 2.3, mape: 1.7, r2: 0, mase: 1, directionalAccuracy: 0 },
    createdAt: new Date('2013-10-09T01:00:00Z'),
  });
  await evaluations.add({
    modelId: best.id,
    kind: 'score',
    ...window,
    metrics: { mae: 1.1, rmse: 1.4, mape: 0.9, r2: 0.2, mase: 0.93, directionalAccuracy: 0.67 },
    naiveMetrics: { mae: 1.18, rmse: 1.5, mape: 0.95, r2: 0, mase: 1, directionalAccuracy: 0.5 },
    createdAt: new Date('2013-10-10T01:00:00Z'),
  });

  const predictions = app.get(PredictionRepository);
  // Made after the 2013-10-06 candle closed: up from 122.0, down, up; the real closes were 123.61, 124.18, 123.84.
  await predictions.add({
    modelId: best.id,
    assetId: btc.id,
    interval: '1d',
    madeAt: new Date('2013-10-07T00:05:00Z'),
    points: [
      { targetTime: day('2013-10-07'), predictedClose: '123.0', actualClose: '123.61' },
      { targetTime: day('2013-10-08'), predictedClose: '121.5', actualClose: '124.18' },
      { targetTime: day('2013-10-09'), predictedClose: '124.0', actualClose: '123.84' },
    ],
  });
  await predictions.add({
    modelId: best.id,
    assetId: btc.id,
    interval: '1d',
    madeAt: new Date('2013-10-10T00:05:00Z'),
    points: [
      { targetTime: day('2013-10-10'), predictedClose: '124.5' },
      { targetTime: day('2013-10-11'), predictedClose: '125.25' },
      { targetTime: day('2013-10-12'), predictedClose: '126.00000001' },
    ],
  });
  return { best, older };
}
