import { BadRequestException, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { checkTrainingBudget, DEFAULT_HYPERPARAMETERS, TrainingBudgetExceededError, trainingCandlesAtMost } from '#libs/domain';
import type { TrainRequest } from './dto/train.request.js';

/**
 * Refuses with 400 a train request whose fit would cost more than TRAIN_COST_BUDGET, after the
 * validation pipe has checked its fields. The API cannot know how many candles the worker will
 * find without reading them, so it counts the most a training of that interval reads
 * (trainingCandlesAtMost: TRAIN_HISTORY's span): a request it lets through never exceeds the budget
 * at the worker, which checks again on the candles it has.
 */
@Injectable()
export class TrainingBudgetPipe implements PipeTransform<TrainRequest, TrainRequest> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  transform(request: TrainRequest): TrainRequest {
    const given = Object.entries(request.hyperparameters ?? {}).filter(([, value]) => value !== undefined && value !== null);
    try {
      checkTrainingBudget(
        { ...DEFAULT_HYPERPARAMETERS, ...Object.fromEntries(given) },
        trainingCandlesAtMost(request.interval, this.config.TRAIN_HISTORY[request.interval]),
        this.config.TRAIN_COST_BUDGET,
      );
    } catch (error) {
      if (error instanceof TrainingBudgetExceededError) throw new BadRequestException(error.message);
      throw error;
    }
    return request;
  }
}
