export * from './data-source.options.js';
export * from './database.module.js';
export * from './entities/index.js';
export * from './migrate.js';
export * from './repositories/asset.repository.js';
export * from './repositories/candle.repository.js';
export * from './repositories/ingest-lock.repository.js';
export * from './ensure-database.js';
