import { describe, expect, it } from '@jest/globals';
import { loginDelayMs, type LoginDelayPolicy } from './login-delay.policy.js';

const policy: LoginDelayPolicy = { freeFailures: 5, firstMs: 250, maxMs: 3000 };

describe('the login delay', () => {
  it('costs nothing while a username has failed no more than the free failures', () => {
    expect([0, 1, 4].map((failures) => loginDelayMs(failures, policy))).toEqual([0, 0, 0]);
  });

  it('starts at the first delay once the free failures are spent, and doubles with each further failure', () => {
    expect([5, 6, 7, 8].map((failures) => loginDelayMs(failures, policy))).toEqual([250, 500, 1000, 2000]);
  });

  it('never waits longer than its cap, however many failures', () => {
    expect([9, 10, 100, 1e9].map((failures) => loginDelayMs(failures, policy))).toEqual([3000, 3000, 3000, 3000]);
  });

  it('is off with a cap of 0', () => {
    expect(loginDelayMs(50, { ...policy, maxMs: 0 })).toBe(0);
  });
});
