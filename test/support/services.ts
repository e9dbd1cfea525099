/**
 * The real services the tests use: the machine's PostgreSQL and Redis (as on CI), overridable for a
 * developer whose servers live elsewhere. One place, so every suite talks to the same servers.
 */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
