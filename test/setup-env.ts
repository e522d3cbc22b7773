const { TEST_DATABASE_URL = '', TEST_REDIS_URL = '' } = process.env;

// Every test file starts from the test databases; a spec may override more before it builds an app.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.QUEUE_PREFIX = 'candlecast-test';
process.env.LOG_LEVEL ??= 'error';
