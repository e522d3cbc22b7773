export * from './market-data.provider.js';
