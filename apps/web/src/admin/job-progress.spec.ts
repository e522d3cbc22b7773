import { describe, expect, it } from 'vitest';
import { progressText } from './job-progress.ts';

describe("a research job's progress", () => {
  it('reads a percent or a count of refits, origins or trials', () => {
    expect(progressText(42.4)).toBe('42%');
    expect(progressText({ refit: 3, refits: 12 })).toBe('refit 3 of 12 (25%)');
    expect(progressText({ done: 150, total: 600 })).toBe('step 150 of 600 (25%)');
    expect(progressText({ trial: 1, trials: 4 })).toBe('trial 1 of 4 (25%)');
    expect(progressText({ refit: 5, refits: 6, trial: 2, trials: 4 })).toBe('trial 2 of 4 (50%)');
    expect(progressText({ percent: 99.6 })).toBe('100%');
  });

  it('says nothing of what it cannot read', () => {
    expect(progressText(null)).toBeNull();
    expect(progressText({ refit: 3 })).toBeNull();
    expect(progressText({ done: 1, total: 0 })).toBeNull();
    expect(progressText('half')).toBeNull();
  });
});
