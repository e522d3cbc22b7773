import { Injectable } from '@nestjs/common';
import {
  EvaluationRepository,
  ModelRepository,
  PredictionRepository,
  type AssetEntity,
  type ModelStatus,
  type ModelSummary,
} from '#libs/database';
import {
  BackwardsRangeError,
  intervalMinutes,
  NoBestModelError,
  NoEvaluationError,
  NoForecastError,
  NoVolatilityError,
  type IntervalCode,
} from '#libs/domain';
import type {
  AssetIntervalQuery,
  BestModelView,
  ForecastHistoryQuery,
  ForecastHistoryView,
  ForecastView,
  ModelEvaluationView,
  ModelListView,
  ModelsQuery,
  VolatilityQuery,
  VolatilityView,
} from '#libs/prediction-api';
import { KnownAssets } from '../assets/known-assets.service.js';
import { trainedAt, walkForwardOf } from './model-insight.mapper.js';
import {
  liveAccuracy,
  toEvaluationView,
  toForecastModelView,
  toForecastRecordView,
  toForecastView,
  toModelView,
} from './prediction-views.mapper.js';
import { RetrainPeriod } from './retrain-period.service.js';

/** Candles of an interval in a year of 365.25 days: what σ per candle is annualised with (√ of it). */
export const candlesPerYear = (interval: IntervalCode) => (365.25 * 24 * 60) / intervalMinutes(interval);

/** Forecasts, evaluations and the model registry, read from Postgres. */
@Injectable()
export class PredictionsService {
  constructor(
    private readonly knownAssets: KnownAssets,
    private readonly models: ModelRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly predictions: PredictionRepository,
    private readonly retrainPeriod: RetrainPeriod,
  ) {}

  async latest({ asset: symbol, interval }: AssetIntervalQuery): Promise<ForecastView> {
    const asset = await this.knownAssets.require(symbol);
    const set = await this.predictions.latestSet(asset.id, interval);
    if (!set) throw await this.noForecast(asset, interval);
    // The model that made it: forecasts are deleted with their model, so it is there.
    const model = (await this.models.findById(set.model.id))!;
    return toForecastView(asset.symbol, interval, set, model, this.isStale(model));
  }

  /**
   * The volatility the newest forecast expects: each step's own σ (from the cumulative σ of
   * consecutive steps: σ²ₕ − σ²ₕ₋₁, the variance that candle adds), annualised by √(candles per
   * year), its expected range, and the model's skill over EWMA on its walk-forward (QLIKE).
   */
  async volatility({ asset: symbol, interval, horizon }: VolatilityQuery): Promise<VolatilityView> {
    const asset = await this.knownAssets.require(symbol);
    const set = await this.predictions.latestSet(asset.id, interval);
    if (!set) throw await this.noForecast(asset, interval);
    const points = set.points.filter((p) => p.sigma !== null).slice(0, horizon ?? set.points.length);
    if (points.length === 0) throw new NoVolatilityError(asset.symbol, interval);
    const model = (await this.models.findById(set.model.id))!;
    const yearly = candlesPerYear(interval);
    const steps = points.map((p, i) => {
      const cumulative = p.sigma!;
      const before = i === 0 ? 0 : points[i - 1].sigma!;
      const sigma = Math.sqrt(Math.max(cumulative * cumulative - before * before, 0));
      const range = p.expectedRange;
      return {
        step: i + 1,
        targetTime: p.targetTime.toISOString(),
        sigma,
        cumulativeSigma: cumulative,
        annualizedSigma: sigma * Math.sqrt(yearly),
        expectedRange: range,
        expectedLogRange: range ? Math.log(Number(range.high) / Number(range.low)) : null,
      };
    });
    const qlike = walkForwardOf(model)?.qlike;
    return {
      asset: asset.symbol,
      interval,
      madeAt: set.madeAt.toISOString(),
      horizon: steps.length,
      candlesPerYear: yearly,
      model: toForecastModelView(model),
      steps,
      annualizedSigma: steps[0].annualizedSigma,
      skillVsEwma: qlike
        ? {
            qlike: qlike.model,
            ewmaQlike: qlike.ewma,
            skill: qlike.model !== null && qlike.ewma !== null && qlike.ewma !== 0 ? 1 - qlike.model / qlike.ewma : null,
            dmPValue: qlike.dmPValue,
          }
        : null,
    };
  }

  async history(query: ForecastHistoryQuery): Promise<ForecastHistoryView> {
    const { from, to, limit, interval } = query;
    BackwardsRangeError.check(query);
    const asset = await this.knownAssets.require(query.asset);
    if (!(await this.predictions.exists(asset.id, interval))) throw await this.noForecast(asset, interval);
    const forecasts = (await this.predictions.history({ assetId: asset.id, interval, from, to, limit })).map(toForecastRecordView);
    return { asset: asset.symbol, interval, count: forecasts.length, forecasts, accuracy: liveAccuracy(forecasts) };
  }

  async bestModel({ asset: symbol, interval }: AssetIntervalQuery): Promise<BestModelView> {
    const asset = await this.knownAssets.require(symbol);
    const best = await this.requireBest(asset, interval);
    const evaluation = await this.evaluations.latestFor(best.id);
    return {
      asset: asset.symbol,
      interval,
      model: toModelView(best, this.isStale(best)),
      latestEvaluation: evaluation && toEvaluationView(evaluation),
    };
  }

  async modelEvaluation({ asset: symbol, interval }: AssetIntervalQuery): Promise<ModelEvaluationView> {
    const asset = await this.knownAssets.require(symbol);
    const best = await this.requireBest(asset, interval);
    const evaluation = await this.evaluations.latestFor(best.id);
    if (!evaluation) throw new NoEvaluationError(asset.symbol, interval, best.version);
    return { asset: asset.symbol, interval, model: toModelView(best, this.isStale(best)), evaluation: toEvaluationView(evaluation) };
  }

  /** The registry; a filter that matches nothing is an empty list, not an error. */
  async list(query: ModelsQuery): Promise<ModelListView> {
    const asset = query.asset === undefined ? undefined : await this.knownAssets.require(query.asset);
    const models = await this.models.list({
      assetId: asset?.id,
      interval: query.interval,
      status: query.status as ModelStatus | undefined,
      family: query.family,
    });
    return { count: models.length, models: models.map((model) => toModelView(model, this.isStale(model))) };
  }

  /** A ready model trained more than two retrain periods ago. */
  isStale(model: ModelSummary): boolean {
    return model.status === 'ready' && this.retrainPeriod.isStale(trainedAt(model));
  }

  private async requireBest(asset: AssetEntity, interval: IntervalCode) {
    const best = await this.models.best(asset.id, interval);
    if (best) return best;
    throw new NoBestModelError(asset.symbol, interval, await this.models.count(asset.id, interval));
  }

  /** The error for an asset and interval without forecasts, saying what is missing. */
  private async noForecast(asset: AssetEntity, interval: IntervalCode): Promise<NoForecastError> {
    const reason = (await this.models.servedId(asset.id, interval))
      ? 'its served model has not made one yet (POST /prediction/predict makes one)'
      : (await this.models.count(asset.id, interval)) === 0
        ? 'no model has been trained for it (POST /prediction/train starts one)'
        : 'none of its models has been chosen as the best yet (POST /prediction/score picks one)';
    return new NoForecastError(asset.symbol, interval, reason);
  }
}
