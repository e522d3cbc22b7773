import { describe, expect, it } from '@jest/globals';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-bodies.js';

const nested = (depth: number, open: string, close: string) => JSON.parse(open.repeat(depth) + close.repeat(depth)) as unknown;

describe('nestedDeeperThan', () => {
  it('counts objects and arrays alike, the body itself as the first level', () => {
    expect(nestedDeeperThan({}, 1)).toBe(false);
    expect(nestedDeeperThan({ a: {} }, 1)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestedDeeperThan({ a: 'x'.repeat(1000), b: null, c: 1 }, 1)).toBe(false);
  });

  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH, '[', ']'), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1, '[', ']'), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks 100,000 nested arrays without overflowing the stack', () => {
    expect(nestedDeeperThan(nested(100_000, '[', ']'), MAX_JSON_DEPTH)).toBe(true);
  });
});
