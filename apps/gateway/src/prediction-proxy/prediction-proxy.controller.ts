import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiGatewayTimeoutResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AssetIntervalQuery,
  BacktestQuery,
  BacktestRequest,
  BacktestView,
  BestModelView,
  ErrorView,
  ForecastHistoryQuery,
  ForecastHistoryView,
  ForecastView,
  HyperparametersView,
  IngestRequest,
  INTERNAL_HEADERS,
  JobAcceptedView,
  JobCancelView,
  JobIdParams,
  JobListView,
  JobsQuery,
  JobView,
  ModelEvaluationView,
  ModelIdParams,
  ModelListView,
  ModelsQuery,
  ModelView,
  PredictRequest,
  ScoreRequest,
  TrainAcceptedView,
  TrainingBudgetPipe,
  TrainRequest,
  TuneRequest,
  VolatilityQuery,
  VolatilityView,
} from '#libs/prediction-api';
import { UnknownJobError } from '#libs/domain';
import { Metrics, requestIdOf } from '#libs/observability';
import { isIssuedJobId } from '#libs/queue';
import { CaughtUpAfterWritesInterceptor, CHANGE_CHANNELS, ChangeFedCache, ChangeFeed } from '#libs/database';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { Roles } from '../auth/decorators/roles.decorator.js';
import { PredictionClient, type PredictionCall, type PredictionReply } from './prediction.client.js';

const BAD_INPUT = ApiBadRequestResponse({
  type: ErrorView,
  description: 'A malformed or unknown asset, an unknown interval, a value out of range, or an unknown field: the message names it',
});
const ACCEPTED = ApiAcceptedResponse({
  type: JobAcceptedView,
  description: 'Enqueued; or, when the same job is already waiting or running, that job (deduplicated: true)',
});

/**
 * The prediction routes, forwarded to the private prediction service once their input is valid
 * here (bad input never leaves the gateway). Its status and JSON come back as they are.
 */
@ApiTags('prediction')
@ApiBearerAuth()
@ApiHeader({
  name: INTERNAL_HEADERS.requestId,
  required: false,
  description: 'Your id for this request, for the logs of both services; one is made up when absent. Echoed in the response.',
})
@ApiUnauthorizedResponse({ type: ErrorView, description: 'No valid access token' })
@ApiBadGatewayResponse({ type: ErrorView, description: 'The prediction service failed or answered with something the gateway cannot read' })
@ApiServiceUnavailableResponse({ type: ErrorView, description: 'The prediction service is down or cannot be reached' })
@ApiGatewayTimeoutResponse({ type: ErrorView, description: 'The prediction service did not answer within PREDICTION_TIMEOUT_MS' })
@Controller('prediction')
export class PredictionProxyController {
  /** The latest forecast per asset and interval, until Postgres notifies that a forecast or an asset changed. */
  private readonly latestForecasts: ChangeFedCache<PredictionReply>;

  constructor(
    private readonly prediction: PredictionClient,
    private readonly metrics: Metrics,
    feed: ChangeFeed,
  ) {
    this.latestForecasts = new ChangeFedCache(feed, CHANGE_CHANNELS.forecasts, { max: 1000, ttlMs: 10 * 60_000 });
  }

  @Get('latest')
  @ApiOperation({
    summary:
      'The latest forecast of an asset and interval as a distribution (median, quantiles, 80/90/95% intervals, σ, expected range), ' +
      'its model (family, pinned), whether that model is stale, its edge over the naive forecast and the realized coverage of its intervals',
  })
  @ApiOkResponse({ type: ForecastView })
  @BAD_INPUT
  @ApiNotFoundResponse({ type: ErrorView, description: 'No forecast for this asset and interval yet; the message says what is missing' })
  async latest(@Query() query: AssetIntervalQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    const asset = query.asset.toUpperCase();
    const reply = (await this.latestForecasts.get(
      `${asset}:${query.interval}`,
      () => this.forward({ method: 'GET', path: '/prediction/latest', query }, user, req),
      (r) => r.status === 200,
    ))!;
    if (reply.status === 200) this.metrics.predictionsServed.inc({ asset, interval: query.interval });
    res.status(reply.status).type('json').send(reply.json);
  }

  @Get('volatility')
  @ApiOperation({
    summary:
      "The volatility the newest forecast expects: each step's σ, annualised (× √(candles per year), a year of 365.25 days), " +
      'its expected high-low range, the model, and its skill over EWMA (QLIKE on its walk-forward)',
  })
  @ApiOkResponse({ type: VolatilityView })
  @BAD_INPUT
  @ApiNotFoundResponse({ type: ErrorView, description: 'No forecast, or none with a distribution, for this asset and interval yet' })
  volatility(@Query() query: VolatilityQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/volatility', query }, user, req, res);
  }

  @Get('backtest')
  @ApiOperation({
    summary:
      "The newest stored walk-forward of a series (an admin's backtest, else a model's own training walk-forward): " +
      'its summary (relMae with CI and DM p, hit rate with CI and PT p, coverage per level with CI, Winkler, pinball, QLIKE, ' +
      'per-365-candle segments) and a page of its records (limit, offset; nextOffset names the next page)',
  })
  @ApiOkResponse({ type: BacktestView })
  @BAD_INPUT
  @ApiNotFoundResponse({
    type: ErrorView,
    description: 'No stored walk-forward of this series (and family) yet; the message says how to make one',
  })
  backtests(@Query() query: BacktestQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/backtest', query }, user, req, res);
  }

  @Get('history')
  @ApiOperation({
    summary:
      'Past forecasts with their actual closes, whether each fell inside its 80/90/95% intervals, and the live accuracy ' +
      '(MAE, direction, coverage per level), oldest target first',
  })
  @ApiOkResponse({ type: ForecastHistoryView })
  @BAD_INPUT
  @ApiNotFoundResponse({ type: ErrorView, description: 'No forecast for this asset and interval yet' })
  history(@Query() query: ForecastHistoryQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/history', query }, user, req, res);
  }

  @Get('model-evaluation')
  @ApiOperation({ summary: 'The latest evaluation of the best model, beside the naive forecast on the same window' })
  @ApiOkResponse({ type: ModelEvaluationView })
  @BAD_INPUT
  @ApiNotFoundResponse({ type: ErrorView, description: 'No best model, or no evaluation of it, yet' })
  modelEvaluation(@Query() query: AssetIntervalQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/model-evaluation', query }, user, req, res);
  }

  @Get('best-model')
  @ApiOperation({ summary: 'The best model of an asset and interval, with its latest evaluation' })
  @ApiOkResponse({ type: BestModelView })
  @BAD_INPUT
  @ApiNotFoundResponse({ type: ErrorView, description: 'No best model for this asset and interval yet' })
  bestModel(@Query() query: AssetIntervalQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/best-model', query }, user, req, res);
  }

  @Get('models')
  @ApiOperation({
    summary:
      'The model registry (never the weights), filterable by asset, interval, status and family: each with its family, ' +
      'whether it is pinned, served and stale, and why the score serves it or not',
  })
  @ApiOkResponse({ type: ModelListView })
  @BAD_INPUT
  models(@Query() query: ModelsQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/models', query }, user, req, res);
  }

  @Put('models/:id/pin')
  @Roles('admin')
  @UseInterceptors(CaughtUpAfterWritesInterceptor)
  @ApiOperation({
    summary: 'Pin a ready model as the served one of its series (over the score’s best; a pin on another model of the series moves here)',
  })
  @ApiOkResponse({ type: ModelView, description: 'The model, now pinned' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'Not a model id' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'No such model' })
  @ApiConflictResponse({
    type: ErrorView,
    description: 'The model is not ready (training, failed or archived): only a ready model can be pinned',
  })
  pin(@Param() { id }: ModelIdParams, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'PUT', path: `/prediction/models/${id}/pin` }, user, req, res);
  }

  @Delete('models/:id/pin')
  @Roles('admin')
  @UseInterceptors(CaughtUpAfterWritesInterceptor)
  @ApiOperation({ summary: 'Unpin a model: its series serves the score’s best model again' })
  @ApiOkResponse({ type: ModelView, description: 'The model, not pinned' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'Not a model id' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'No such model' })
  unpin(@Param() { id }: ModelIdParams, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'DELETE', path: `/prediction/models/${id}/pin` }, user, req, res);
  }

  @Post('train')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Train a new model version of one family (family), or of every family the interval trains by default (the baselines, and ' +
      'the LSTM where LSTM_INTERVALS has it), one job each; one train per asset, interval and family at a time. The top-level ' +
      "jobId is the LSTM's job (else the first), as before; jobs lists them all",
  })
  @ApiAcceptedResponse({
    type: TrainAcceptedView,
    description: 'Enqueued; or, when the same job is already waiting or running, that job (deduplicated: true)',
  })
  @ApiBadRequestResponse({
    type: ErrorView,
    description:
      'Bad input as on every route, or hyperparameters whose fit would cost more than TRAIN_COST_BUDGET ' +
      '(units × layers × window × epochs × the candles a training of that interval reads at most): the message gives the cost and which knobs to lower',
  })
  train(@Body(TrainingBudgetPipe) body: TrainRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/train', body }, user, req, res);
  }

  @Post('backtest')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Run a walk-forward of one family over a span (research queue; progress per refit; cancellable with DELETE /prediction/jobs/{id}); ' +
      'its summary and records are then served by GET /prediction/backtest',
  })
  @ACCEPTED
  @ApiBadRequestResponse({
    type: ErrorView,
    description:
      'Bad input as on every route, a span without candles, or a backtest whose fits would cost more than BACKTEST_COST_BUDGET ' +
      '(refits × cost per fit, an LSTM fit counting its seeds): the message gives the cost and the limit',
  })
  backtest(@Body() body: BacktestRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/backtest', body }, user, req, res);
  }

  @Post('tune')
  @Roles('admin')
  @ApiOperation({
    summary:
      "A bounded random search of a family's settings (the LSTM's by default) inside the rolling-origin cross-validation, scored by " +
      'pinball loss (research queue); the trials and the winner land in the registry',
  })
  @ACCEPTED
  @ApiBadRequestResponse({
    type: ErrorView,
    description:
      'Bad input as on every route, or a tuning whose fits would cost more than TUNE_COST_BUDGET (trials × the cost of a fit ' +
      'with its cross-validation and seeds): the message gives the cost and the limit',
  })
  tune(@Body() body: TuneRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/tune', body }, user, req, res);
  }

  @Post('score')
  @Roles('admin')
  @ApiOperation({ summary: 'Evaluate every ready model of an asset and interval on recent candles and mark the best' })
  @ACCEPTED
  @BAD_INPUT
  score(@Body() body: ScoreRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/score', body }, user, req, res);
  }

  @Post('predict')
  @Roles('admin')
  @ApiOperation({ summary: 'Forecast the next closes with the best model' })
  @ACCEPTED
  @BAD_INPUT
  predict(@Body() body: PredictRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/predict', body }, user, req, res);
  }

  @Post('ingest')
  @Roles('admin')
  @ApiOperation({ summary: 'Fetch candles from Kraken now (sync, or backfill)' })
  @ACCEPTED
  @BAD_INPUT
  ingest(@Body() body: IngestRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/ingest', body }, user, req, res);
  }

  @Get('hyperparameters')
  @Roles('admin')
  @ApiOperation({ summary: 'What a train request may set: each hyperparameter with its range and default, and the cost budget' })
  @ApiOkResponse({ type: HyperparametersView })
  hyperparameters(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/hyperparameters' }, user, req, res);
  }

  @Get('jobs')
  @Roles('admin')
  @ApiOperation({
    summary: 'Recent jobs, newest first, by queue and state: name, asset, interval, state, progress, timestamps, failure reason',
  })
  @ApiOkResponse({ type: JobListView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'An unknown queue or state, or a limit out of range: the message names it' })
  jobs(@Query() query: JobsQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/jobs', query }, user, req, res);
  }

  @Get('jobs/:id')
  @Roles('admin')
  @ApiOperation({
    summary: "A job's state, progress (epoch, losses so far), result (with the job it enqueued next) or failure reason",
  })
  @ApiOkResponse({ type: JobView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'Not a job id' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'No such job (or it was removed after it finished)' })
  job(@Param() { id }: JobIdParams, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    // An id the prediction service never issues cannot be a job: answered here, it never leaves the gateway.
    if (!isIssuedJobId(id)) throw new UnknownJobError(id);
    return this.relay({ method: 'GET', path: `/prediction/jobs/${encodeURIComponent(id)}` }, user, req, res);
  }

  @Delete('jobs/:id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Cancel a job: one that has not started is removed (200, state removed); a running one is asked to stop (202, state ' +
      'cancelling): its worker aborts it and it fails as cancelled',
  })
  @ApiOkResponse({ type: JobCancelView, description: 'Removed before it started' })
  @ApiAcceptedResponse({ type: JobCancelView, description: 'Running: asked to stop' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'Not a job id' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'No such job (or it was removed after it finished)' })
  @ApiConflictResponse({ type: ErrorView, description: 'The job has already completed or failed' })
  cancel(@Param() { id }: JobIdParams, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    if (!isIssuedJobId(id)) throw new UnknownJobError(id);
    return this.relay({ method: 'DELETE', path: `/prediction/jobs/${encodeURIComponent(id)}` }, user, req, res);
  }

  private async relay(call: PredictionCall, user: AuthUser, req: Request, res: Response): Promise<void> {
    const reply = await this.forward(call, user, req);
    res.status(reply.status).json(reply.body);
  }

  private forward(call: PredictionCall, user: AuthUser, req: Request): Promise<PredictionReply> {
    // The logging middleware has given the request its id (and answered it in x-request-id).
    return this.prediction.forward(call, { userId: user.id, role: user.role, requestId: requestIdOf(req) });
  }
}
