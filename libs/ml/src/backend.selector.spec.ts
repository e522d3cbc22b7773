import { describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './backend.selector.js';

describe('useBackend', () => {
  it('starts the first backend that can, native TensorFlow before wasm before cpu, and names it', async () => {
    const name = await useBackend();
    // tfjs-node is optional and cannot install offline: then wasm, whose binaries ship in its package.
    expect(['tensorflow', 'wasm']).toContain(name);
    expect(tf.getBackend()).toBe(name);
    expect(await useBackend()).toBe(name);
  });

  it('switches to the backend it is told to use, for benchmarks and tests', async () => {
    expect(await useBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await useBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});
