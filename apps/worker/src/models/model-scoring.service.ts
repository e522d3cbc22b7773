import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository, CandleRepository, EvaluationRepository, ModelRepository } from '#libs/database';
import { intervalSeconds } from '#libs/domain';
import { evaluate } from '#libs/ml';
import type { ScorePayload } from '#libs/queue';

export interface ScoreOutcome {
  asset: string;
  interval: string;
  /** Unix seconds: the first candle whose close was scored; no ready model trained on it or after. */
  from: number | null;
  scores: { version: number; samples: number; mase: number; naiveMae: number; mae: number }[];
  best: number | null;
  skipped?: string;
}

/**
 * Scores every ready model of an asset and interval on the most recent candles that none of
 * them trained on, beside the naive forecast on the same candles, and marks the best by MASE.
 */
@Injectable()
export class ModelScoringService {
  private readonly logger = new Logger(ModelScoringService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
    private readonly evaluations: EvaluationRepository,
  ) {}

  async score({ asset: symbol, interval }: ScorePayload): Promise<ScoreOutcome> {
    const asset = await this.assets.require(symbol);
    const ready = await this.models.loadReady(asset.id, interval);
    const outcome: ScoreOutcome = { asset: asset.symbol, interval, from: null, scores: [], best: null };
    if (ready.length === 0) return { ...outcome, skipped: 'no ready model' };

    const unseenFrom = Math.max(...ready.map((m) => m.trainedTo.getTime() / 1000)) + intervalSeconds(interval);
    const candles = await this.candles.recent(asset.id, interval, this.config.TRAIN_MAX_CANDLES);
    let best: { id: string; version: number; mase: number } | undefined;
    for (const model of ready) {
      const evaluation = await evaluate(model, model.features, candles, {
        from: unseenFrom,
        backend: this.config.ML_BACKEND,
      });
      await this.evaluations.add({
        modelId: model.id,
        kind: 'score',
        windowFrom: new Date(evaluation.from * 1000),
        windowTo: new Date(evaluation.to * 1000),
        samples: evaluation.samples,
        metrics: evaluation.model,
        naiveMetrics: evaluation.naive,
      });
      outcome.from = evaluation.from;
      outcome.scores.push({
        version: model.version,
        samples: evaluation.samples,
        mase: evaluation.model.mase,
        mae: evaluation.model.mae,
        naiveMae: evaluation.naive.mae,
      });
      if (!best || evaluation.model.mase < best.mase) best = { id: model.id, version: model.version, mase: evaluation.model.mase };
    }
    await this.models.markBest(best!.id);
    outcome.best = best!.version;
    this.logger.log(`${asset.symbol} ${interval}: best of ${ready.length} is v${best!.version}, MASE ${best!.mase.toFixed(3)}`);
    return outcome;
  }
}
