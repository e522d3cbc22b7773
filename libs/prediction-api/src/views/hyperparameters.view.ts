import type { IntervalCode } from '#libs/domain';
import { ApiProperty } from '@nestjs/swagger';
import { HyperparameterView } from './hyperparameter.view.js';

/** GET /prediction/hyperparameters: what a train request may set, and the cost it must stay within. */
export class HyperparametersView {
  @ApiProperty({ type: [HyperparameterView] }) hyperparameters: HyperparameterView[];
  @ApiProperty({
    example: 1_000_000_000,
    description:
      'TRAIN_COST_BUDGET: a train request whose units × layers × window × epochs × maxCandles of its interval exceeds it is refused with 400',
  })
  costBudget: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { '1h': 17520, '1d': 4840 },
    description:
      "Per interval, the candles a training reads at most (TRAIN_HISTORY's span, or every candle since 2013-09 where it is all): the last factor of its cost",
  })
  maxCandles: Record<IntervalCode, number>;
}
