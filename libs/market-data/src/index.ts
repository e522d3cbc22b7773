export * from './market-data.provider.js';
export * from './known-assets.js';
export * from './asset-resolver.service.js';
export * from './market-data.module.js';
export * from './kraken/kraken.client.js';
export * from './csv/candle-csv.reader.js';
export * from './csv/candle-importer.service.js';
