import { Controller, Get, Query } from '@nestjs/common';
import { BacktestQuery } from '#libs/prediction-api';
import { BacktestsService } from './backtests.service.js';

/** Stored walk-forwards (POST /prediction/backtest, which runs one, is a job route: jobs.controller.ts). */
@Controller('prediction')
export class BacktestsController {
  constructor(private readonly backtests: BacktestsService) {}

  @Get('backtest')
  newest(@Query() query: BacktestQuery) {
    return this.backtests.newest(query);
  }
}
