import { describe, expect, it } from '@jest/globals';
import { describeLimit, HYPERPARAMETER_LIMITS } from './hyperparameters.js';

describe('the hyperparameters a train request may set', () => {
  it('describe their range in words a caller can act on', () => {
    expect(describeLimit(HYPERPARAMETER_LIMITS.units)).toBe('a whole number from 4 to 256');
    expect(describeLimit(HYPERPARAMETER_LIMITS.learningRate)).toBe('a number from 0.00001 to 0.1');
    expect(describeLimit(HYPERPARAMETER_LIMITS.dropout)).toBe('a number from 0 to 0.8');
  });
});
