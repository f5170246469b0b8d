/**
 * The server side of the intake benchmark, in its own process so the load generator does not share its event loop.
 * Started by tickets.bench.ts with the bench database URL; reports its port over IPC and runs until killed.
 */
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/index.js';

const databaseUrl = process.env.BENCH_DATABASE_URL!;
const config = loadConfig(
  { NODE_ENV: 'test' },
  {
    databaseUrl,
    redisPrefix: `hotline-bench-${process.pid}`,
    realtimeAdapter: 'none',
    consoleDist: null,
    loginRateLimitPerMinute: 1000,
    logLevel: 'warn',
  },
);
const { app } = await buildApp({ config });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
