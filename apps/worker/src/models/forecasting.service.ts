import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository, CandleRepository, PredictionRepository } from '#libs/database';
import { predict } from '#libs/ml';
import type { PredictPayload } from '#libs/queue';
import { BestModelCache } from './best-model.cache.js';

export interface ForecastOutcome {
  asset: string;
  interval: string;
  modelVersion: number | null;
  /** Unix seconds of the last candle the forecast starts from. */
  from: number | null;
  closes: { time: number; close: string }[];
  /** Past forecasts whose actual close became known with this run. */
  actualsFilled: number;
  skipped?: string;
}

/** Writes the next closes forecast by the best model, and fills in the actual closes of past forecasts. */
@Injectable()
export class ForecastingService {
  private readonly logger = new Logger(ForecastingService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly models: BestModelCache,
    private readonly forecasts: PredictionRepository,
  ) {}

  async forecast({ asset: symbol, interval, horizon }: PredictPayload): Promise<ForecastOutcome> {
    const asset = await this.assets.require(symbol);
    const actualsFilled = await this.forecasts.fillActuals(asset.id, interval);
    const outcome: ForecastOutcome = { asset: asset.symbol, interval, modelVersion: null, from: null, closes: [], actualsFilled };
    const best = await this.models.best(asset.id, interval);
    if (!best) return { ...outcome, skipped: 'no model is marked best yet: train and score one first' };

    const spec = best.features;
    const candles = await this.candles.recent(asset.id, interval, spec.warmup + spec.window + 1);
    const prediction = await predict(best, spec, candles, horizon ?? spec.horizon, { backend: this.config.ML_BACKEND });
    await this.forecasts.add({
      modelId: best.id,
      assetId: asset.id,
      interval,
      madeAt: new Date(),
      points: prediction.closes.map((c) => ({ targetTime: new Date(c.time * 1000), predictedClose: c.close })),
    });
    this.logger.log(`${asset.symbol} ${interval}: v${best.version} forecasts ${prediction.closes.map((c) => c.close).join(', ')}`);
    return { ...outcome, modelVersion: best.version, from: prediction.from, closes: prediction.closes };
  }
}
