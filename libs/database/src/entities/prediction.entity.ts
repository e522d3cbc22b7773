import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One forecast close for one future candle; `actualClose` is filled once that candle has closed. */
@Entity('predictions')
export class PredictionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'model_id', type: 'uuid' })
  modelId: string;

  @Column({ name: 'asset_id', type: 'int' })
  assetId: number;

  @Column({ type: 'int' })
  interval: number;

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
