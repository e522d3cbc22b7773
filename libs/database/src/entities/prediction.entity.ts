import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IntervalCode } from '#libs/domain';
import { INTERVAL_COLUMN } from './interval.transformer.js';

/** One forecast close for one future candle; `actualClose` is filled once that candle has closed. */
@Entity('predictions')
export class PredictionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'model_id', type: 'uuid' })
  modelId: string;

  @Column({ name: 'asset_id', type: 'int' })
  assetId: number;

  /** Stored as Kraken's minutes. */
  @Column({ type: 'int', transformer: INTERVAL_COLUMN })
  interval: IntervalCode;

  @Column({ name: 'made_at', type: 'timestamptz' })
  madeAt: Date;

  /** Open time of the candle whose close is forecast. */
  @Column({ name: 'target_time', type: 'timestamptz' })
  targetTime: Date;

  @Column({ name: 'predicted_close', type: 'numeric' })
  predictedClose: string;

  @Column({ name: 'actual_close', type: 'numeric', nullable: true })
  actualClose: string | null;

  // The distribution (step 8), in prices; null on older forecasts.

  /** At QUANTILE_LEVELS, lowest first. */
  @Column({ type: 'numeric', array: true, nullable: true })
  quantiles: string[] | null;

  @Column({ type: 'numeric', nullable: true })
  lower80: string | null;

  @Column({ type: 'numeric', nullable: true })
  upper80: string | null;

  @Column({ type: 'numeric', nullable: true })
  lower90: string | null;

  @Column({ type: 'numeric', nullable: true })
  upper90: string | null;

  @Column({ type: 'numeric', nullable: true })
  lower95: string | null;

  @Column({ type: 'numeric', nullable: true })
  upper95: string | null;

  /** Standard deviation of the log return from the last close to this candle's close. */
  @Column({ type: 'float8', nullable: true })
  sigma: number | null;

  /** The candle's expected low and high. */
  @Column({ name: 'range_low', type: 'numeric', nullable: true })
  rangeLow: string | null;

  @Column({ name: 'range_high', type: 'numeric', nullable: true })
  rangeHigh: string | null;

  /** The uncalibrated forecast (log return from the last close, and its σ): what the calibration update needs. */
  @Column({ name: 'raw_center', type: 'float8', nullable: true })
  rawCenter: number | null;

  @Column({ name: 'raw_sigma', type: 'float8', nullable: true })
  rawSigma: number | null;

  /** Whether the actual close fell inside each interval; set with actualClose. */
  @Column({ type: 'boolean', nullable: true })
  inside80: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  inside90: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  inside95: boolean | null;
}
