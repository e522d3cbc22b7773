import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  BacktestRequest,
  IngestRequest,
  JobIdParams,
  JobsQuery,
  PredictRequest,
  ScoreRequest,
  TrainingBudgetPipe,
  TrainRequest,
  TuneRequest,
} from '#libs/prediction-api';
import { CurrentCaller, type Caller } from '../internal-link/caller.js';
import { JobsService } from './jobs.service.js';

/** Write routes: each enqueues a job and answers 202 at once; the worker runs it. */
@Controller('prediction')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post('train')
  @HttpCode(HttpStatus.ACCEPTED)
  train(@Body(TrainingBudgetPipe) request: TrainRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.train(request, caller);
  }

  @Post('score')
  @HttpCode(HttpStatus.ACCEPTED)
  score(@Body() request: ScoreRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.score(request, caller);
  }

  @Post('predict')
  @HttpCode(HttpStatus.ACCEPTED)
  predict(@Body() request: PredictRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.predict(request, caller);
  }

  @Post('ingest')
  @HttpCode(HttpStatus.ACCEPTED)
  ingest(@Body() request: IngestRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.ingest(request, caller);
  }

  @Post('backtest')
  @HttpCode(HttpStatus.ACCEPTED)
  backtest(@Body() request: BacktestRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.backtest(request, caller);
  }

  @Post('tune')
  @HttpCode(HttpStatus.ACCEPTED)
  tune(@Body() request: TuneRequest, @CurrentCaller() caller: Caller) {
    return this.jobs.tune(request, caller);
  }

  /** 200 when the job was removed before it started, 202 when a running job was asked to stop. */
  @Delete('jobs/:id')
  async cancel(@Param() { id }: JobIdParams, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const view = await this.jobs.cancel(id, caller);
    res.status(view.state === 'removed' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return view;
  }

  @Get('jobs')
  jobList(@Query() query: JobsQuery) {
    return this.jobs.list(query);
  }

  @Get('hyperparameters')
  hyperparameters() {
    return this.jobs.hyperparameters();
  }

  @Get('jobs/:id')
  job(@Param() { id }: JobIdParams) {
    return this.jobs.find(id);
  }
}
