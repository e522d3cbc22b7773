import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('assets')
export class AssetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The symbol users know (`BTC`), upper-case. */
  @Column({ type: 'varchar', length: 12, unique: true })
  symbol: string;

  /** Kraken's pair altname (`XBTUSD`). */
  @Column({ name: 'kraken_altname', type: 'varchar', length: 32 })
  krakenAltname: string;

  /** Kraken's canonical pair key (`XXBTZUSD`): the key of every result Kraken sends for this pair. */
  @Column({ name: 'kraken_key', type: 'varchar', length: 32, unique: true })
  krakenKey: string;

  @Column({ type: 'varchar', length: 16 })
  base: string;

  @Column({ type: 'varchar', length: 16 })
  quote: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'boolean', default: true })
  tracked: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
