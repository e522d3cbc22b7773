import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  BacktestSummary,
  CalibrationState,
  FeatureSpec,
  Hyperparameters,
  IntervalCode,
  Jsonb,
  ModelFamily,
  ModelSelection,
  ModelTopology,
  StoredArtifact,
  TrainingMetrics,
  WeightSpec,
} from '#libs/domain';
import { INTERVAL_COLUMN } from './interval.transformer.js';

export type ModelStatus = 'training' | 'ready' | 'failed' | 'archived';

/** The model registry: one row per trained (or training) model version, with its TF.js artifact. */
@Entity('models')
export class ModelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'asset_id', type: 'int' })
  assetId: number;

  /** Stored as Kraken's minutes. */
  @Column({ type: 'int', transformer: INTERVAL_COLUMN })
  interval: IntervalCode;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 10 })
  status: ModelStatus;

  @Column({ name: 'is_best', type: 'boolean', default: false })
  isBest: boolean;

  @Column({ type: 'varchar', length: 16, default: 'lstm' })
  family: ModelFamily;

  /** Pinned by an admin: served whatever the score says (at most one per series: a unique index holds it). */
  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  /** Every hyperparameter (the family's settings), as validated with the defaults filled in. */
  @Column({ type: 'jsonb' })
  hyperparameters: Hyperparameters | Record<string, number>;

  /** Its calibration layer's state, moved as actuals arrive; null before it is trained. */
  @Column({ type: 'jsonb', nullable: true })
  calibration: CalibrationState | null;

  /** The fitted forecaster without its weights (those are in `weights`); null for models of step 7. */
  @Column({ type: 'jsonb', nullable: true })
  artifact: StoredArtifact | null;

  /** Why the score serves it or not; null before the first score. */
  @Column({ type: 'jsonb', nullable: true })
  selection: ModelSelection | null;

  /** Feature names and the training split's scaling statistics; null until it is trained. */
  @Column({ type: 'jsonb', nullable: true })
  features: FeatureSpec | null;

  @Column({ name: 'trained_from', type: 'timestamptz', nullable: true })
  trainedFrom: Date | null;

  @Column({ name: 'trained_to', type: 'timestamptz', nullable: true })
  trainedTo: Date | null;

  /**
   * What its training reported: from step 8 the summary of its walk-forward; a metric that was
   * not a finite number reads back null.
   */
  @Column({ type: 'jsonb', nullable: true })
  metrics: Jsonb<TrainingMetrics> | Jsonb<BacktestSummary> | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  backend: string | null;

  @Column({ name: 'training_ms', type: 'int', nullable: true })
  trainingMs: number | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  topology: ModelTopology | null;

  @Column({ name: 'weight_specs', type: 'jsonb', nullable: true })
  weightSpecs: WeightSpec[] | null;

  @Column({ type: 'bytea', nullable: true })
  weights: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
