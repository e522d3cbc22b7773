// The unit tier uses no database: an app a spec builds finds nothing on this port, at once,
// rather than a developer's own Postgres or Redis on the default URLs.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = 'postgres://unit-tests-use-no-postgres@127.0.0.1:1/none';
process.env.REDIS_URL = 'redis://127.0.0.1:1/0';
process.env.QUEUE_PREFIX = 'candlecast-unit';
process.env.LOG_LEVEL ??= 'error';
