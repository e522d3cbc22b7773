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
}
