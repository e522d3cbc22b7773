import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  IngestRequest,
  JobIdParams,
  JobsQuery,
  PredictRequest,
  ScoreRequest,
  TrainingBudgetPipe,
  TrainRequest,
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
