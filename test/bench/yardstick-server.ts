/**
 * THE YARDSTICK — not the product. The bare limit of this machine for "validate an intake body and INSERT one row":
 * bare Fastify (no logger, no cookies, no auth, no socket.io) + postgres.js, the same IntakeBody schema and ajv options
 * as the app, one INSERT per request. `npm run bench tickets` runs it alternately with the production start and
 * prints the product's throughput as a ratio of this. Keep it this small: it is the measure, not a competitor.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import postgres from 'postgres';
import { IntakeBody } from '@hotline/shared/contracts/tickets';

const sql = postgres(process.env.BENCH_DATABASE_URL!, { max: 20 });
await sql`create table if not exists yardstick_intake (
  id uuid primary key, channel text not null, type text not null, urgency text not null, caller_name text not null,
  caller_phone text not null, address text not null, content text not null, created_at timestamptz not null)`;

const app = Fastify({
  logger: false,
  ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
});
app.post('/api/tickets', { schema: { body: IntakeBody } }, async (request, reply) => {
  const b = request.body as IntakeBody;
  const id = randomUUID();
  await sql`insert into yardstick_intake values (${id}, ${b.channel}, ${b.type}, ${b.urgency}, ${b.caller.name},
    ${b.caller.phone}, ${b.address}, ${b.content}, ${new Date()})`;
  return reply.status(201).send({ id });
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('SIGTERM', () => void app.close().finally(() => sql.end().finally(() => process.exit(0))));
