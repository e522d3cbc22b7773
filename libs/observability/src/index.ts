export * from './health/health.controller.js';
export * from './health/health.module.js';
export * from './health/redis.health.js';
export * from './metrics/metrics.js';
export * from './metrics/metrics.module.js';
export * from './logging/logging.module.js';
export * from './logging/request-id.js';
export * from './logging/redact-url.js';
