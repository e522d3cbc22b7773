import { Controller, Get, Query } from '@nestjs/common';
import { AssetIntervalQuery, ForecastHistoryQuery, ModelsQuery, VolatilityQuery } from '#libs/prediction-api';
import { PredictionsService } from './predictions.service.js';

/** Read routes: answered from Postgres. */
@Controller('prediction')
export class PredictionsController {
  constructor(private readonly predictions: PredictionsService) {}

  @Get('latest')
  latest(@Query() query: AssetIntervalQuery) {
    return this.predictions.latest(query);
  }

  @Get('volatility')
  volatility(@Query() query: VolatilityQuery) {
    return this.predictions.volatility(query);
  }

  @Get('history')
  history(@Query() query: ForecastHistoryQuery) {
    return this.predictions.history(query);
  }

  @Get('model-evaluation')
  modelEvaluation(@Query() query: AssetIntervalQuery) {
    return this.predictions.modelEvaluation(query);
  }

  @Get('best-model')
  bestModel(@Query() query: AssetIntervalQuery) {
    return this.predictions.bestModel(query);
  }

  @Get('models')
  models(@Query() query: ModelsQuery) {
    return this.predictions.list(query);
  }
}
