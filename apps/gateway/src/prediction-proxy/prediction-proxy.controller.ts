import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
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
  BestModelView,
  ErrorView,
  ForecastHistoryQuery,
  ForecastHistoryView,
  ForecastView,
  HyperparametersView,
  IngestRequest,
  INTERNAL_HEADERS,
  JobAcceptedView,
  JobIdParams,
  JobListView,
  JobsQuery,
  JobView,
  ModelEvaluationView,
  ModelListView,
  ModelsQuery,
  PredictRequest,
  ScoreRequest,
  TrainingBudgetPipe,
  TrainRequest,
} from '#libs/prediction-api';
import { UnknownJobError } from '#libs/domain';
import { Metrics, requestIdOf } from '#libs/observability';
import { isIssuedJobId } from '#libs/queue';
import { CHANGE_CHANNELS, ChangeFedCache, ChangeFeed } from '#libs/database';
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
  @ApiOperation({ summary: 'The latest forecast of an asset and interval, its model and when it was made' })
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

  @Get('history')
  @ApiOperation({ summary: 'Past forecasts with their actual closes and the live accuracy, oldest target first' })
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
  @ApiOperation({ summary: 'The model registry (never the weights), filterable by asset, interval and status' })
  @ApiOkResponse({ type: ModelListView })
  @BAD_INPUT
  models(@Query() query: ModelsQuery, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'GET', path: '/prediction/models', query }, user, req, res);
  }

  @Post('train')
  @Roles('admin')
  @ApiOperation({ summary: 'Train a new model version; one train per asset and interval at a time' })
  @ACCEPTED
  @ApiBadRequestResponse({
    type: ErrorView,
    description:
      'Bad input as on every route, or hyperparameters whose fit would cost more than TRAIN_COST_BUDGET ' +
      '(units × layers × window × epochs × TRAIN_MAX_CANDLES): the message gives the cost and which knobs to lower',
  })
  train(@Body(TrainingBudgetPipe) body: TrainRequest, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    return this.relay({ method: 'POST', path: '/prediction/train', body }, user, req, res);
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

  private async relay(call: PredictionCall, user: AuthUser, req: Request, res: Response): Promise<void> {
    const reply = await this.forward(call, user, req);
    res.status(reply.status).json(reply.body);
  }

  private forward(call: PredictionCall, user: AuthUser, req: Request): Promise<PredictionReply> {
    // The logging middleware has given the request its id (and answered it in x-request-id).
    return this.prediction.forward(call, { userId: user.id, role: user.role, requestId: requestIdOf(req) });
  }
}
