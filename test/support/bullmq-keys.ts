/**
 * The names BullMQ gives a queue's own Redis keys (`<prefix>:<queue>:<name>`): a job looked up by
 * one of these ids reads that key instead of a job's hash, which is why no such id may reach Redis.
 */
export const BULLMQ_QUEUE_KEYS = [
  'meta',
  'events',
  'completed',
  'failed',
  'delayed',
  'stalled-check',
  'repeat',
  'id',
  'wait',
  'active',
  'paused',
  'limiter',
  'marker',
] as const;
