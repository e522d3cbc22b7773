import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { QUANTILE_LEVELS } from '#libs/domain';
import { useBackend } from '../backend.selector.js';
import { mulberry32 } from '../seeded.random.js';
import { addQuantiles, meanPinball, pinballLoss, QUANTILES, quantilesOf, tileTargets } from './quantile.head.js';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Raw outputs of `rows` × horizon 2, wild on purpose (−30 … 30). */
function rawOutputs(rows: number): Float32Array {
  const random = mulberry32(5);
  return Float32Array.from({ length: rows * 2 * QUANTILES }, () => (random() - 0.5) * 60);
}

describe('the quantile head', () => {
  it('never crosses, whatever the raw outputs, in TF.js and in plain JS alike, nor once members are averaged', () => {
    const raw = rawOutputs(50);
    const tensor = tf.tensor2d(raw, [50, 2 * QUANTILES]);
    const fromTf = quantilesOf(tensor, 2);
    const viaTf = fromTf.dataSync();
    tf.dispose([tensor, fromTf]);

    const viaJs = new Float64Array(raw.length);
    for (let k = 0; k < 50; k++) addQuantiles(raw, k * 2 * QUANTILES, 2, 1, viaJs, k * 2 * QUANTILES);
    const averaged = new Float64Array(raw.length);
    const other = rawOutputs(51).subarray(2 * QUANTILES);
    for (let k = 0; k < 50; k++) {
      addQuantiles(raw, k * 2 * QUANTILES, 2, 0.5, averaged, k * 2 * QUANTILES);
      addQuantiles(other, k * 2 * QUANTILES, 2, 0.5, averaged, k * 2 * QUANTILES);
    }
    for (let row = 0; row < 100; row++) {
      for (let j = 1; j < QUANTILES; j++) {
        const at = row * QUANTILES + j;
        expect(viaTf[at]).toBeGreaterThanOrEqual(viaTf[at - 1]);
        expect(viaJs[at]).toBeGreaterThanOrEqual(viaJs[at - 1]);
        expect(averaged[at]).toBeGreaterThanOrEqual(averaged[at - 1]);
      }
    }
    viaJs.forEach((q, i) => expect(q).toBeCloseTo(viaTf[i], 3));
  });

  it('is trained with the pinball loss, which TF.js and the validation compute alike', () => {
    const raw = rawOutputs(8).map((x) => x / 20);
    const targets = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i));
    const tiled = new Float32Array(16 * QUANTILES);
    tileTargets(targets, tiled, 0, 0, 8, 2);
    expect(Array.from(tiled.subarray(QUANTILES, 2 * QUANTILES))).toEqual(new Array(QUANTILES).fill(targets[1]));

    const [yTrue, yPred] = [tf.tensor2d(tiled, [8, 2 * QUANTILES]), tf.tensor2d(raw, [8, 2 * QUANTILES])];
    const loss = pinballLoss(2)(yTrue, yPred);
    const fromTf = loss.dataSync()[0];
    tf.dispose([yTrue, yPred, loss]);
    const quantiles = new Float64Array(raw.length);
    for (let k = 0; k < 8; k++) addQuantiles(raw, k * 2 * QUANTILES, 2, 1, quantiles, k * 2 * QUANTILES);
    expect(meanPinball(quantiles, targets, 0, 8, 2)).toBeCloseTo(fromTf, 5);

    // The pinball loss of a quantile is least at the true quantile: for targets uniform on 0 … 1,
    // quantiles equal to the levels beat quantiles shifted by 0.1.
    const uniform = Float32Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const at = (shift: number) =>
      meanPinball(
        Float64Array.from({ length: 1000 * QUANTILES }, (_, i) => QUANTILE_LEVELS[i % QUANTILES] + shift),
        uniform,
        0,
        1000,
        1,
      );
    expect(at(0)).toBeLessThan(at(0.1));
    expect(at(0)).toBeLessThan(at(-0.1));
  });
});
