export * from './job-options.js';
export * from './job-payloads.js';
export * from './job-producer.service.js';
export * from './queue-name.js';
export * from './queue.module.js';
export * from './redis.provider.js';
export * from './asset-scheduler.service.js';
export * from './worker-options.js';
