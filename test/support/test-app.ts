import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config/index.js';
import { fakeClock } from '../../server/src/lib/clock.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { TEST_DATABASE_URL, TEST_ORIGIN, TEST_REDIS_PREFIX, TEST_REDIS_URL } from './env.js';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ReturnType<typeof fakeClock>;
  close(): Promise<void>;
}

let counter = 0;

/** Builds the real app against the test Postgres and Redis, with a clock the test can move. */
export async function startTestApp(
  overrides: Partial<Config> = {},
  options: { logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const clock = fakeClock(new Date());
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      databaseUrl: TEST_DATABASE_URL,
      redisUrl: TEST_REDIS_URL,
      redisPrefix: `${TEST_REDIS_PREFIX}-${++counter}`,
      allowedOrigins: [TEST_ORIGIN],
      loginRateLimitPerMinute: 1000,
      consoleDist: null,
      // One node per test; the realtime test turns the Redis adapter on to cover it.
      realtimeAdapter: 'none',
      ...overrides,
    },
  );
  const { app, deps } = await buildApp({ config, clock, logStream: options.logStream });
  await app.ready();
  return {
    app,
    deps,
    clock,
    async close() {
      const keys = deps.redis ? await deps.redis.keys(`${config.redisPrefix}*`) : [];
      if (keys.length) await deps.redis!.del(...keys);
      await app.close();
    },
  };
}

/** Signs in through the real login route and returns the cookie header for later requests. */
export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN },
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  return cookieFrom(response);
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'hotline_sid');
  if (!cookie) throw new Error('no session cookie in response');
  return `hotline_sid=${cookie.value}`;
}

/** Headers of a console request: the session cookie and the console's Origin (CSRF check). */
export function asUser(cookie: string) {
  return { cookie, origin: TEST_ORIGIN };
}
