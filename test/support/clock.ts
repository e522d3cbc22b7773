import { jest } from '@jest/globals';

/** Every clock and timer Jest's fake timers can replace, but Date: ticks, timers and hrtime stay real, so I/O goes on. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
  'Temporal',
] as const;

/**
 * Runs `body` with the time of day (`Date.now()`, `new Date()`) set to `at` (epoch ms) and going
 * on from there, in the test and in the apps it booted in this process; timers stay real, so real
 * servers and sockets work as ever. For code that compares the time of day with a deadline (a
 * token's expiry), without waiting for it.
 */
export async function atTimeOfDay<T>(at: number, body: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: [...ALL_BUT_DATE], now: at, advanceTimers: true });
  try {
    return await body();
  } finally {
    jest.useRealTimers();
  }
}
