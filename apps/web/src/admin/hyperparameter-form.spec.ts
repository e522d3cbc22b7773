import { describe, expect, it } from 'vitest';
import { checkValues, defaultValues, hyperparameterFields, trainingCost } from './hyperparameter-form.ts';
import type { Hyperparameter } from './job-types.ts';

const LIST: Hyperparameter[] = [
  { name: 'units', type: 'integer', min: 4, max: 256, default: 16, description: 'LSTM units per layer' },
  { name: 'learningRate', type: 'number', min: 0.00001, max: 0.1, default: 0.001, description: "Adam's learning rate" },
];

describe('the hyperparameter form', () => {
  it('has one field per hyperparameter, integers stepping by one', () => {
    expect(hyperparameterFields(LIST).map((f) => [f.name, f.step])).toEqual([
      ['units', '1'],
      ['learningRate', 'any'],
    ]);
  });

  it('starts at the API’s defaults, which pass the checks', () => {
    const values = defaultValues(LIST);
    expect(values).toEqual({ units: '16', learningRate: '0.001' });
    expect(checkValues(LIST, values)).toEqual({ ok: true, hyperparameters: { units: 16, learningRate: 0.001 } });
  });

  it('says what is wrong with each field', () => {
    const checked = checkValues(LIST, { units: '2.5', learningRate: '' });
    expect(checked).toEqual({
      ok: false,
      errors: { units: 'units must be a whole number', learningRate: 'learningRate is required (default 0.001)' },
    });
    expect(checkValues(LIST, { units: '300', learningRate: 'abc' })).toEqual({
      ok: false,
      errors: { units: 'units must be between 4 and 256', learningRate: 'learningRate must be a number' },
    });
  });

  it('accepts the bounds themselves', () => {
    expect(checkValues(LIST, { units: '4', learningRate: '0.1' }).ok).toBe(true);
    expect(checkValues(LIST, { units: '256', learningRate: '1e-5' }).ok).toBe(true);
  });

  it('computes the cost the API checks, once every factor is known', () => {
    expect(trainingCost({ units: 16, layers: 1, window: 20, epochs: 40 }, 5000)).toBe(64_000_000);
    expect(trainingCost({ units: 16, layers: 1 }, 5000)).toBeNull();
  });
});
