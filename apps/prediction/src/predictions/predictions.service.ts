import { Injectable } from '@nestjs/common';
import { EvaluationRepository, ModelRepository, PredictionRepository, type AssetEntity, type ModelStatus } from '#libs/database';
import { BackwardsRangeError, NoBestModelError, NoEvaluationError, NoForecastError, type IntervalCode } from '#libs/domain';
import type {
  AssetIntervalQuery,
  BestModelView,
  ForecastHistoryQuery,
  ForecastHistoryView,
  ForecastView,
  ModelEvaluationView,
  ModelListView,
  ModelsQuery,
} from '#libs/prediction-api';
import { KnownAssets } from '../assets/known-assets.service.js';
import { liveAccuracy, toEvaluationView, toForecastRecordView, toForecastView, toModelView } from './prediction-views.mapper.js';

/** Forecasts, evaluations and the model registry, read from Postgres. */
@Injectable()
export class PredictionsService {
  constructor(
    private readonly knownAssets: KnownAssets,
    private readonly models: ModelRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly predictions: PredictionRepository,
  ) {}

  async latest({ asset: symbol, interval }: AssetIntervalQuery): Promise<ForecastView> {
    const asset = await this.knownAssets.require(symbol);
    const set = await this.predictions.latestSet(asset.id, interval);
    if (!set) throw await this.noForecast(asset, interval);
    return toForecastView(asset.symbol, interval, set);
  }

  async history(query: ForecastHistoryQuery): Promise<ForecastHistoryView> {
    const { from, to, limit, interval } = query;
    if (from && to && from > to) throw new BackwardsRangeError();
    const asset = await this.knownAssets.require(query.asset);
    if (!(await this.predictions.exists(asset.id, interval))) throw await this.noForecast(asset, interval);
    const forecasts = (await this.predictions.history({ assetId: asset.id, interval, from, to, limit })).map(toForecastRecordView);
    return { asset: asset.symbol, interval, count: forecasts.length, forecasts, accuracy: liveAccuracy(forecasts) };
  }

  async bestModel({ asset: symbol, interval }: AssetIntervalQuery): Promise<BestModelView> {
    const asset = await this.knownAssets.require(symbol);
    const best = await this.requireBest(asset, interval);
    const evaluation = await this.evaluations.latestFor(best.id);
    return { asset: asset.symbol, interval, model: toModelView(best), latestEvaluation: evaluation && toEvaluationView(evaluation) };
  }

  async modelEvaluation({ asset: symbol, interval }: AssetIntervalQuery): Promise<ModelEvaluationView> {
    const asset = await this.knownAssets.require(symbol);
    const best = await this.requireBest(asset, interval);
    const evaluation = await this.evaluations.latestFor(best.id);
    if (!evaluation) throw new NoEvaluationError(asset.symbol, interval, best.version);
    return { asset: asset.symbol, interval, model: toModelView(best), evaluation: toEvaluationView(evaluation) };
  }

  /** The registry; a filter that matches nothing is an empty list, not an error. */
  async list(query: ModelsQuery): Promise<ModelListView> {
    const asset = query.asset === undefined ? undefined : await this.knownAssets.require(query.asset);
    const models = await this.models.list({
      assetId: asset?.id,
      interval: query.interval,
      status: query.status as ModelStatus | undefined,
    });
    return { count: models.length, models: models.map(toModelView) };
  }

  private async requireBest(asset: AssetEntity, interval: IntervalCode) {
    const best = await this.models.best(asset.id, interval);
    if (best) return best;
    throw new NoBestModelError(asset.symbol, interval, await this.models.count(asset.id, interval));
  }

  /** The error for an asset and interval without forecasts, saying what is missing. */
  private async noForecast(asset: AssetEntity, interval: IntervalCode): Promise<NoForecastError> {
    const reason = (await this.models.best(asset.id, interval))
      ? 'its best model has not made one yet (POST /prediction/predict makes one)'
      : (await this.models.count(asset.id, interval)) === 0
        ? 'no model has been trained for it (POST /prediction/train starts one)'
        : 'none of its models has been chosen as the best yet (POST /prediction/score picks one)';
    return new NoForecastError(asset.symbol, interval, reason);
  }
}
