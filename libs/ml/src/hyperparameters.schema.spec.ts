import { describe, expect, it } from '@jest/globals';
import { DEFAULT_HYPERPARAMETERS, validateHyperparameters } from './hyperparameters.schema.js';
import { InvalidHyperparametersError } from './ml.errors.js';

function reasonFor(input: Record<string, unknown>): InvalidHyperparametersError {
  try {
    validateHyperparameters(input);
  } catch (error) {
    if (error instanceof InvalidHyperparametersError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('validateHyperparameters', () => {
  it('fills in the defaults for whatever is not given', () => {
    expect(validateHyperparameters()).toEqual(DEFAULT_HYPERPARAMETERS);
    expect(validateHyperparameters({ units: 8, dropout: 0 })).toEqual({ ...DEFAULT_HYPERPARAMETERS, units: 8, dropout: 0 });
  });

  it('accepts both ends of every range', () => {
    const low = { units: 4, layers: 1, window: 5, horizon: 1, epochs: 1, batchSize: 8, learningRate: 1e-5, dropout: 0, patience: 1 };
    const high = {
      units: 256,
      layers: 3,
      window: 200,
      horizon: 30,
      epochs: 500,
      batchSize: 1024,
      learningRate: 0.1,
      dropout: 0.8,
      patience: 50,
    };
    expect(validateHyperparameters(low)).toMatchObject(low);
    expect(validateHyperparameters(high)).toMatchObject(high);
  });

  it.each([
    ['units', 3, 'must be between 4 and 256, got 3'],
    ['units', 257, 'must be between 4 and 256, got 257'],
    ['layers', 4, 'must be between 1 and 3, got 4'],
    ['window', 4, 'must be between 5 and 200, got 4'],
    ['horizon', 31, 'must be between 1 and 30, got 31'],
    ['epochs', 0, 'must be between 1 and 500, got 0'],
    ['batchSize', 2048, 'must be between 8 and 1024, got 2048'],
    ['learningRate', 0.5, 'must be between 0.00001 and 0.1, got 0.5'],
    ['dropout', 0.9, 'must be between 0 and 0.8, got 0.9'],
    ['patience', 51, 'must be between 1 and 50, got 51'],
    ['units', 8.5, 'must be a whole number, got 8.5'],
    ['window', '30', 'must be a number, got "30"'],
    ['epochs', Number.NaN, 'must be a number, got NaN'],
    ['seed', null, 'must be a number, got null'],
  ])('refuses %s = %p, naming the field and the reason', (field, value, reason) => {
    const error = reasonFor({ [field]: value });
    expect(error.field).toBe(field);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`Invalid hyperparameter '${field}': ${reason}`);
  });

  it('refuses a field it does not know, listing the ones it does', () => {
    const error = reasonFor({ neurons: 32 });
    expect(error.field).toBe('neurons');
    expect(error.reason).toMatch(/^unknown hyperparameter; known ones are units, layers, window, horizon/);
  });
});
