import { describe, expect, it } from 'vitest';
import { pageInfo, parsePage } from './users-paging.ts';

describe('users paging', () => {
  it('reads ?page=N, falling back to page 1', () => {
    expect(parsePage('page=3')).toBe(3);
    expect(parsePage('')).toBe(1);
    expect(parsePage('page=0')).toBe(1);
    expect(parsePage('page=-2')).toBe(1);
    expect(parsePage('page=2.5')).toBe(1);
    expect(parsePage('page=99999999999')).toBe(1);
  });

  it('gives the offset and the range shown', () => {
    expect(pageInfo(1, 57, 20)).toEqual({ offset: 0, pages: 3, first: 1, last: 20 });
    expect(pageInfo(3, 57, 20)).toEqual({ offset: 40, pages: 3, first: 41, last: 57 });
    expect(pageInfo(1, 0, 20)).toEqual({ offset: 0, pages: 1, first: 0, last: 0 });
  });
});
