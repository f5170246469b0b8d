/**
 * Where tests keep their data: a database of their own (never the demo database) and a Redis key prefix
 * of their own, so a test that flushes its keys flushes nothing else.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_REDIS_PREFIX = `hotline-test-${process.pid}`;
export const TEST_ORIGIN = 'http://localhost:3000';
