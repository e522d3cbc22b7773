export * from './health/health.controller.js';
export * from './health/health.module.js';
export * from './health/redis.health.js';
export * from './log-levels.js';
