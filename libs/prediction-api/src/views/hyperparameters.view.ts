import { ApiProperty } from '@nestjs/swagger';
import { HyperparameterView } from './hyperparameter.view.js';

/** GET /prediction/hyperparameters: what a train request may set, and the cost it must stay within. */
export class HyperparametersView {
  @ApiProperty({ type: [HyperparameterView] }) hyperparameters: HyperparameterView[];
  @ApiProperty({
    example: 1_000_000_000,
    description: 'TRAIN_COST_BUDGET: a train request whose units × layers × window × epochs × maxCandles exceeds it is refused with 400',
  })
  costBudget: number;
  @ApiProperty({ example: 5000, description: 'TRAIN_MAX_CANDLES: the candles a training uses at most, the last factor of its cost' })
  maxCandles: number;
}
