import { describe, expect, it } from 'vitest';
import { ago, calibrationNote, edgeBadge, formatCi, formatP, modelNotes } from './forecast-notes.ts';

const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 86_400_000;

describe('the edge badge', () => {
  it('says there is no measurable edge when the DM test found none, even with an MAE ratio below 1', () => {
    const badge = edgeBadge({ vsNaive: 'none', relMae: 0.987, ci95: [0.95, 1.02], dmPValue: 0.41, samples: 1095 });
    expect(badge).toEqual({
      tone: 'none',
      text: "No measurable edge over 'tomorrow = today'",
      detail: 'MAE ratio to naive 0.987 (95% CI 0.95–1.02), Diebold–Mariano p = 0.410, 1,095 forecasts.',
    });
  });

  it('claims better or worse only as the test says', () => {
    expect(edgeBadge({ vsNaive: 'better', relMae: 0.9, ci95: [0.85, 0.95], dmPValue: 0.0004, samples: 500 })).toMatchObject({
      tone: 'better',
      text: "Beats 'tomorrow = today'",
      detail: expect.stringContaining('p < 0.001'),
    });
    expect(edgeBadge({ vsNaive: 'worse', relMae: 1.2, ci95: null, dmPValue: 0.01, samples: 500 })).toMatchObject({
      tone: 'worse',
      detail: 'MAE ratio to naive 1.200, Diebold–Mariano p = 0.010, 500 forecasts.',
    });
  });

  it('says not compared when the forecast has no edge yet', () => {
    expect(edgeBadge(null).tone).toBe('unknown');
    expect(edgeBadge({ vsNaive: 'none', relMae: null, ci95: null, dmPValue: null, samples: 0 })).toMatchObject({
      tone: 'unknown',
      text: "Not yet compared with 'tomorrow = today'",
    });
    expect(edgeBadge({ vsNaive: 'none', relMae: null, ci95: null, dmPValue: null, samples: 12 }).detail).toBe(
      'MAE ratio to naive unknown, Diebold–Mariano p unknown, 12 forecasts.',
    );
  });

  it('formats p-values and intervals', () => {
    expect(formatP(0.0499)).toBe('p = 0.050');
    expect(formatP(Number.NaN)).toBe('p unknown');
    expect(formatCi([0.9, 1.1])).toBe('0.90–1.10');
    expect(formatCi([0.9])).toBeNull();
  });
});

describe('the calibration note', () => {
  it('states the realized coverage of the 90% intervals over the window', () => {
    expect(calibrationNote({ coverage80: 0.79, coverage90: 0.896, coverage95: 0.95, window: 500 })).toBe(
      '90% intervals held 89.6% of the last 500 forecasts',
    );
    expect(calibrationNote({ coverage80: 0.8, coverage90: 0.9, coverage95: 1, window: 1 }, 80)).toBe(
      '80% intervals held 80.0% of the last 1 forecast',
    );
  });

  it('says nothing before any forecast was realized', () => {
    expect(calibrationNote({ coverage80: null, coverage90: null, coverage95: null, window: 0 })).toBeNull();
    expect(calibrationNote(null)).toBeNull();
  });
});

describe('pinned and stale notes', () => {
  it('reads ages in the largest whole unit', () => {
    expect(ago(NOW - 22 * DAY, NOW)).toBe('3 weeks ago');
    expect(ago(NOW - DAY, NOW)).toBe('1 day ago');
    expect(ago(NOW - 400 * DAY, NOW)).toBe('1 year ago');
    expect(ago(NOW + 5000, NOW)).toBe('just now');
  });

  it('notes a pinned and a stale model, nothing for a fresh one', () => {
    const trainedAt = new Date(NOW - 21 * DAY).toISOString();
    expect(modelNotes({ pinned: true, stale: true, trainedAt }, NOW)).toEqual(['Pinned by an admin', 'Model trained 3 weeks ago: stale']);
    expect(modelNotes({ pinned: false, stale: true, trainedAt: null }, NOW)).toEqual(['Model stale: not retrained on schedule']);
    expect(modelNotes({ pinned: false, stale: false, trainedAt }, NOW)).toEqual([]);
  });
});
