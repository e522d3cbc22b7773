import { describe, expect, it } from '@jest/globals';
import { ResearchBudgetExceededError } from './errors.js';
import { backtestCost, checkResearchBudget, familyFitCost, lstmFitCost, trainingCost, tuneCost } from './training-cost.js';
import { DEFAULT_HYPERPARAMETERS } from './hyperparameters.js';

describe('research budgets', () => {
  it('counts a baseline fit as 1 and an LSTM fit with every seed and fold', () => {
    expect(familyFitCost('garch', {}, 5000)).toBe(1);
    expect(familyFitCost('lstm', {}, 1000)).toBe(lstmFitCost({ ...DEFAULT_HYPERPARAMETERS, seeds: DEFAULT_HYPERPARAMETERS.seeds }, 1000));
    expect(familyFitCost('lstm', { seeds: 2, folds: 0 }, 1000)).toBe(trainingCost(DEFAULT_HYPERPARAMETERS, 1000) * 2);
  });

  it('counts one fit per refit of a walk-forward, rounded up, an LSTM refit without its cross-validation', () => {
    expect(backtestCost({ family: 'naive', origins: 1095, refitEvery: 30, trainCandles: 5000 })).toEqual({
      fits: 37,
      costPerFit: 1,
      cost: 37,
    });
    const lstm = backtestCost({ family: 'lstm', origins: 1095, refitEvery: 90, trainCandles: 1000 });
    expect(lstm.fits).toBe(13);
    expect(lstm.costPerFit).toBe(trainingCost(DEFAULT_HYPERPARAMETERS, 1000) * DEFAULT_HYPERPARAMETERS.seeds);
    expect(lstm.cost).toBe(13 * lstm.costPerFit);
  });

  it("counts a tuning's LSTM trials and the winner's two fits at the costliest settings its trials can draw", () => {
    const { fits, costPerFit, cost } = tuneCost({ family: 'lstm', trials: 4, trainCandles: 1000 });
    expect(fits).toBe(6);
    // TUNE_SPACE's maxima: 32 units, window 60, 40 epochs; one layer and five seeds by default; no CV.
    expect(costPerFit).toBe(32 * 1 * 60 * 40 * 1000 * DEFAULT_HYPERPARAMETERS.seeds);
    expect(cost).toBe(6 * costPerFit);
    expect(costPerFit).toBeGreaterThanOrEqual(familyFitCost('lstm', { units: 20, window: 35, epochs: 22, folds: 0 }, 1000));
    expect(tuneCost({ family: 'ewma', trials: 4, trainCandles: 1000 })).toEqual({ fits: 16, costPerFit: 1, cost: 16 });
  });

  it('refuses a cost above the budget with a message that gives the cost, how it was counted, the limit and its variable', () => {
    const cost = { fits: 13, costPerFit: 1_000_000, cost: 13_000_000 };
    expect(() => checkResearchBudget('backtest', cost, 13_000_000, 'counted so', 'BACKTEST_COST_BUDGET')).not.toThrow();
    expect(() => checkResearchBudget('backtest', cost, 12_999_999, 'counted so', 'BACKTEST_COST_BUDGET')).toThrow(
      new ResearchBudgetExceededError(
        'This backtest would cost 13,000,000 (13 fits × 1,000,000 per fit; counted so), above the limit of 12,999,999 (BACKTEST_COST_BUDGET)',
        13_000_000,
        12_999_999,
      ),
    );
  });
});
