import { Module } from '@nestjs/common';
import { KrakenClient } from './kraken/kraken.client.js';
import { MARKET_DATA_PROVIDER } from './market-data.provider.js';

/**
 * The market-data provider (Kraken). Needs the global ConfigModule and QueueModule (for the
 * shared RedisClient that paces Kraken calls across processes).
 */
@Module({
  providers: [KrakenClient, { provide: MARKET_DATA_PROVIDER, useExisting: KrakenClient }],
  exports: [KrakenClient, MARKET_DATA_PROVIDER],
})
export class MarketDataModule {}
