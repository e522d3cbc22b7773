import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IntervalCode } from '#libs/domain';
import { INTERVAL_COLUMN } from './interval.transformer.js';

/**
 * One closed OHLC candle. Prices and volumes are Postgres `numeric` and travel as strings,
 * so that they round-trip exactly as Kraken wrote them.
 */
@Entity('candles')
export class CandleEntity {
  @PrimaryColumn({ name: 'asset_id', type: 'int' })
  assetId: number;

  /** Stored as Kraken's minutes (1, 5, 15, 30, 60, 240, 1440, 10080, 21600). */
  @PrimaryColumn({ type: 'int', transformer: INTERVAL_COLUMN })
  interval: IntervalCode;

  /** Open time of the candle. */
  @PrimaryColumn({ type: 'timestamptz' })
  time: Date;

  @Column({ type: 'numeric' })
  open: string;

  @Column({ type: 'numeric' })
  high: string;

  @Column({ type: 'numeric' })
  low: string;

  @Column({ type: 'numeric' })
  close: string;

  /** Volume-weighted average price; Kraken's CSV downloads do not carry it. */
  @Column({ type: 'numeric', nullable: true })
  vwap: string | null;

  @Column({ type: 'numeric' })
  volume: string;

  @Column({ type: 'int' })
  trades: number;
}
