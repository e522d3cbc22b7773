import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseEnv } from '#libs/config';
import { TrainingBudgetExceededError } from './errors.js';
import { DEFAULT_HYPERPARAMETERS, HYPERPARAMETERS } from './hyperparameters.js';
import { checkTrainingBudget, HISTORY_START, trainingCandlesAtMost, trainingCost, type TrainingCostKnobs } from './training-cost.js';

const { TRAIN_COST_BUDGET: BUDGET, TRAIN_HISTORY } = parseEnv({});
/** The most candles an LSTM interval reads by default: two years of hourly ones. */
const MAX_CANDLES = trainingCandlesAtMost('1h', TRAIN_HISTORY['1h']);

function refusal(knobs: TrainingCostKnobs, candles: number, budget: number): TrainingBudgetExceededError {
  try {
    checkTrainingBudget(knobs, candles, budget);
  } catch (error) {
    if (error instanceof TrainingBudgetExceededError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(knobs)} on ${candles} candles was within ${budget}`);
}

describe('trainingCost', () => {
  it('is units × layers × window × epochs × candles', () => {
    expect(trainingCost({ units: 64, layers: 2, window: 30, epochs: 100 }, 4548)).toBe(64 * 2 * 30 * 100 * 4548);
  });

  it('puts the defaults on two years of hourly candles at 224 million', () => {
    expect(MAX_CANDLES).toBe(17_520);
    expect(trainingCost(DEFAULT_HYPERPARAMETERS, MAX_CANDLES)).toBe(224_256_000);
  });

  it('doubles with any one of its knobs', () => {
    const base = trainingCost(DEFAULT_HYPERPARAMETERS, 1000);
    for (const knob of ['units', 'layers', 'window', 'epochs'] as const) {
      expect(trainingCost({ ...DEFAULT_HYPERPARAMETERS, [knob]: DEFAULT_HYPERPARAMETERS[knob] * 2 }, 1000)).toBe(2 * base);
    }
    expect(trainingCost(DEFAULT_HYPERPARAMETERS, 2000)).toBe(2 * base);
  });
});

describe('the default TRAIN_COST_BUDGET', () => {
  it('lets the defaults and the largest training a test asks for through, with room to spare', () => {
    expect(BUDGET / trainingCost(DEFAULT_HYPERPARAMETERS, MAX_CANDLES)).toBeCloseTo(4.46, 2);
    expect(() => checkTrainingBudget(DEFAULT_HYPERPARAMETERS, MAX_CANDLES, BUDGET)).not.toThrow();
    // prediction-proxy and jobs specs ask for 64 units of a daily series: within a third of the budget
    expect(() =>
      checkTrainingBudget({ ...DEFAULT_HYPERPARAMETERS, units: 64 }, trainingCandlesAtMost('1d', null), BUDGET / 3),
    ).not.toThrow();
  });

  it('refuses a request that would occupy a worker for hours, and the largest the ranges allow', () => {
    expect(() => checkTrainingBudget({ units: 512, layers: 4, window: 365, epochs: 1000 }, MAX_CANDLES, BUDGET)).toThrow(
      TrainingBudgetExceededError,
    );
    const largest = { units: HYPERPARAMETERS.units.max, layers: HYPERPARAMETERS.layers.max, window: 200, epochs: 500 };
    expect(() => checkTrainingBudget(largest, MAX_CANDLES, BUDGET)).toThrow(TrainingBudgetExceededError);
    expect(() => checkTrainingBudget({ ...DEFAULT_HYPERPARAMETERS, units: 256 }, MAX_CANDLES, BUDGET)).toThrow(TrainingBudgetExceededError);
  });
});

describe('trainingCandlesAtMost', () => {
  it("counts an interval's TRAIN_HISTORY span in its candles, and every candle since 2013-09 where the span is all", () => {
    expect(trainingCandlesAtMost('1m', 30 * 86_400)).toBe(43_200);
    expect(trainingCandlesAtMost('4h', 4 * 365 * 86_400)).toBe(8_760);
    const now = Date.UTC(2026, 11, 2) / 1000;
    expect(trainingCandlesAtMost('1d', null, now)).toBe(Math.ceil((now - HISTORY_START) / 86_400));
    expect(trainingCandlesAtMost('1d', null, now)).toBeGreaterThan(4_548); // BTC's shipped daily history
    expect(trainingCandlesAtMost('1w', 60)).toBe(1);
  });
});

describe('checkTrainingBudget', () => {
  it('says what the training costs, the budget, and how far each knob must come down', () => {
    const error = refusal({ units: 256, layers: 1, window: 40, epochs: 40 }, 5000, 1_000_000_000);
    expect(error.message).toBe(
      'This training would cost 2,048,000,000 per fit (units 256 × layers 1 × window 40 × epochs 40 × 5,000 candles), ' +
        'above the budget of 1,000,000,000 (TRAIN_COST_BUDGET): lower units to 125, or window to 19, or epochs to 19',
    );
    expect(error).toMatchObject({ cost: 2_048_000_000, budget: 1_000_000_000 });
  });

  it('says so when no one knob can bring the cost within the budget', () => {
    const error = refusal({ units: 256, layers: 3, window: 200, epochs: 500 }, 5000, 100_000_000);
    expect(error.message).toMatch(/: lower units, layers, window, epochs: no one of them alone is enough$/);
  });

  it('accepts a training that costs exactly the budget', () => {
    expect(() => checkTrainingBudget(DEFAULT_HYPERPARAMETERS, 5000, 64_000_000)).not.toThrow();
    expect(() => checkTrainingBudget(DEFAULT_HYPERPARAMETERS, 5000, 63_999_999)).toThrow(TrainingBudgetExceededError);
  });

  it('suggests, for every knob it names, the largest value that fits', () => {
    const knob = (name: keyof TrainingCostKnobs) => fc.integer({ min: HYPERPARAMETERS[name].min, max: HYPERPARAMETERS[name].max });
    fc.assert(
      fc.property(
        fc.record({ units: knob('units'), layers: knob('layers'), window: knob('window'), epochs: knob('epochs') }),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 1, max: 10 ** 12 }),
        (knobs, candles, budget) => {
          fc.pre(trainingCost(knobs, candles) > budget);
          const suggested = [...refusal(knobs, candles, budget).message.matchAll(/(units|layers|window|epochs) to (\d+)/g)];
          for (const [, name, value] of suggested) {
            const most = Number(value);
            expect(trainingCost({ ...knobs, [name]: most }, candles)).toBeLessThanOrEqual(budget);
            expect(trainingCost({ ...knobs, [name]: most + 1 }, candles)).toBeGreaterThan(budget);
          }
        },
      ),
    );
  });
});
