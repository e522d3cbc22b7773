import type * as tf from '@tensorflow/tfjs';
import { QUANTILE_LEVELS, type ModelTopology, type WeightSpec } from '#libs/domain';
import type { CandleSeries } from '../candle.series.js';
import type { FittedForecaster, ForecasterArtifact, RawForecast } from '../forecasting/forecaster.js';
import { saveArtifact } from '../model.artifact.js';
import { ensembleQuantiles } from './ensemble.runner.js';
import type { CrossValidation } from './lstm-ensemble.trainer.js';
import { memberSeed } from './lstm-member.model.js';
import { contextOf, writeInputs, type LstmInputSpec } from './lstm-inputs.builder.js';
import type { LstmSettings } from './lstm.settings.js';
import { QUANTILES } from './quantile.head.js';

/** Where one member lies in the artifact: its topology, and its weights at weights[offset, offset + length). */
export type LstmMemberParams = { seed: number; topology: ModelTopology; weightSpecs: WeightSpec[]; offset: number; length: number };

/** ForecasterArtifact.params of family 'lstm'. */
export type LstmParams = {
  version: 1;
  inputs: LstmInputSpec & { stepSeconds: number };
  quantileLevels: number[];
  /** The epochs every member trained on the whole range: CV's choice, or settings.epochs with folds 0. */
  epochs: number;
  crossValidation: CrossValidation | null;
  members: LstmMemberParams[];
};

/** z of the 0.95 quantile of a normal: (q0.95 − q0.05) / (2 × 1.645) is σ for a normal distribution. */
const Z95 = 1.6448536269514722;
const LOW = QUANTILE_LEVELS.indexOf(0.05);
const HIGH = QUANTILE_LEVELS.indexOf(0.95);
const MEDIAN = QUANTILE_LEVELS.indexOf(0.5);
/** The expected range follows σ's term structure, within these bounds of the range at the origin. */
const RANGE_RATIO = { min: 0.25, max: 4 };

/**
 * A fitted (or loaded) LSTM ensemble. Its members' tensors live until dispose(); predict and
 * toArtifact allocate none that outlive them.
 */
export class FittedLstm implements FittedForecaster {
  readonly family = 'lstm' as const;
  readonly context: number;
  private members: tf.LayersModel[];
  /** False for a member view (member()): the ensemble it came from owns the tensors. */
  private owns = true;

  constructor(
    readonly horizon: number,
    readonly settings: LstmSettings,
    readonly inputs: LstmInputSpec & { stepSeconds: number },
    members: tf.LayersModel[],
    readonly epochs: number,
    readonly crossValidation: CrossValidation | null,
  ) {
    this.members = members;
    this.context = contextOf(inputs);
  }

  /**
   * The ensemble's quantiles at each origin: [origin][step][QUANTILE_LEVELS], cumulative log
   * returns from the origin's close, nondecreasing in the level.
   */
  async predictQuantiles(series: CandleSeries, origins: readonly number[]): Promise<number[][][]> {
    return (await this.run(series, origins)).map(({ quantiles }) => quantiles);
  }

  async predict(series: CandleSeries, origins: readonly number[]): Promise<RawForecast[]> {
    return (await this.run(series, origins)).map(({ quantiles, range, sigma }) => {
      const raw: RawForecast = { center: [], sigma: [], expectedRange: [] };
      quantiles.forEach((step, h) => {
        const spread = Math.max((step[HIGH] - step[LOW]) / (2 * Z95), 1e-9);
        raw.center.push(step[MEDIAN]);
        raw.sigma.push(spread);
        // Each candle's range scales with the one-step σ the model expects around it: the step's σ
        // per √step against σ at the origin. Calibration recalibrates it anyway.
        const ratio = spread / (sigma * Math.sqrt(h + 1));
        raw.expectedRange.push(range * Math.min(RANGE_RATIO.max, Math.max(RANGE_RATIO.min, ratio)));
      });
      return raw;
    });
  }

  async toArtifact(): Promise<ForecasterArtifact> {
    this.assertLive();
    const members: LstmMemberParams[] = [];
    const buffers: Buffer[] = [];
    let offset = 0;
    for (let m = 0; m < this.members.length; m++) {
      const saved = await saveArtifact(this.members[m]);
      members.push({
        seed: memberSeed(this.settings.seed, m),
        topology: saved.topology,
        weightSpecs: saved.weightSpecs,
        offset,
        length: saved.weights.length,
      });
      buffers.push(saved.weights);
      offset += saved.weights.length;
    }
    const params: LstmParams = {
      version: 1,
      inputs: this.inputs,
      quantileLevels: [...QUANTILE_LEVELS],
      epochs: this.epochs,
      crossValidation: this.crossValidation,
      members,
    };
    return { family: 'lstm', horizon: this.horizon, settings: { ...this.settings }, params, weights: Buffer.concat(buffers) };
  }

  /** The number of members (seeds) in the ensemble. */
  get size(): number {
    return this.members.length;
  }

  /**
   * Member m alone, as a forecaster sharing this ensemble's tensors (its dispose frees nothing;
   * it lives as long as this one): the fit `seeds: 1, seed: memberSeed(seed, m)` would make, so the
   * bench measures the seed spread (T7) without refitting each seed.
   */
  member(m: number): FittedLstm {
    this.assertLive();
    const one = this.members[m];
    if (one === undefined) throw new RangeError(`No member ${m} in an ensemble of ${this.members.length}`);
    const settings = { ...this.settings, seeds: 1, seed: memberSeed(this.settings.seed, m) };
    const view = new FittedLstm(this.horizon, settings, this.inputs, [one], this.epochs, this.crossValidation);
    view.owns = false;
    return view;
  }

  dispose(): void {
    if (this.owns) for (const member of this.members) member.dispose();
    this.members = [];
  }

  private async run(series: CandleSeries, origins: readonly number[]) {
    this.assertLive();
    const { window } = this.inputs;
    const width = this.inputs.features.length;
    const stride = window * width;
    const inputs = new Float32Array(origins.length * stride);
    const scales = origins.map((origin, k) => writeInputs(series, origin, this.inputs, inputs, k * stride));
    const all = await ensembleQuantiles(this.members, inputs, 0, origins.length, window, width, this.horizon);
    return scales.map(({ sigma, range }, k) => {
      const quantiles: number[][] = [];
      for (let h = 0; h < this.horizon; h++) {
        const at = (k * this.horizon + h) * QUANTILES;
        // Averages of nondecreasing rows are nondecreasing; the sort only guards against rounding.
        quantiles.push(Array.from(all.subarray(at, at + QUANTILES), (q) => q * sigma).sort((a, b) => a - b));
      }
      return { quantiles, sigma, range };
    });
  }

  private assertLive(): void {
    if (this.members.length === 0) throw new Error('This LSTM forecaster was disposed');
  }
}
