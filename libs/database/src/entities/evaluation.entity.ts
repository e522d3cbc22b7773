import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ForecastMetrics, Jsonb } from '#libs/domain';

/** A model's metrics on one window of candles, beside the naive forecast's on the same window. */
@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'model_id', type: 'uuid' })
  modelId: string;

  /** `train` (held-out test split at training time) or `score` (recent unseen candles). */
  @Column({ type: 'varchar', length: 8 })
  kind: 'train' | 'score';

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo: Date;

  @Column({ type: 'int' })
  samples: number;

  /** A metric that was not a finite number (see Jsonb) reads back null. */
  @Column({ type: 'jsonb' })
  metrics: Jsonb<ForecastMetrics>;

  @Column({ name: 'naive_metrics', type: 'jsonb' })
  naiveMetrics: Jsonb<ForecastMetrics>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
