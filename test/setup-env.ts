import { randomUUID } from 'node:crypto';

const { TEST_DATABASE_URL = '', TEST_REDIS_URL = '' } = process.env;

// Every test file starts from the test databases; a spec may override more before it builds an app.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
// A Redis key prefix of this test file's own, so that what one file leaves in Redis (queues, the
// login and signup limiters' counts per address) cannot reach the next: a file that logged in
// many users from 127.0.0.1 used to leave the next file's first login a 429.
process.env.QUEUE_PREFIX = `candlecast-test-${randomUUID().slice(0, 8)}`;
process.env.LOG_LEVEL ??= 'error';
