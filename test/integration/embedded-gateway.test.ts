import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/platform/embedded/embedded-database.js';

/**
 * The PGlite gateway makes one database session look like many connections. These tests pin the rules it relies
 * on: batches never interleave, a transaction owns the session until it ends (or its connection vanishes),
 * per-connection startup settings, notifications reach only their listeners, and a password is required.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-gateway-test-'));
let database: EmbeddedDatabase;
let sql: postgres.Sql;
const gatewayLog: string[] = [];

beforeAll(async () => {
  // A short idle limit so the deadlock breaker can be seen within the test (production default: 30 s).
  database = await startEmbeddedDatabase(dataDir, { idleOwnerLimitMs: 2_000, log: (m) => gatewayLog.push(m) });
  sql = postgres(database.url, { max: 4, onnotice: () => {} });
  await sql`create table gateway_probe (id int primary key, label text not null)`;
  await sql`create schema gateway_other`;
  await sql`create table gateway_other.gateway_probe (id int primary key, label text not null)`;
  await sql`insert into gateway_other.gateway_probe values (1, 'other schema')`;
}, 60_000);

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function pgClient(options: Partial<pg.ClientConfig> = {}) {
  return new pg.Client({ connectionString: database.url, ...options });
}

describe('PGlite gateway', () => {
  it('refuses a connection with the wrong password', async () => {
    const url = new URL(database.url);
    url.password = 'wrong';
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('keeps concurrent parameterised queries of many connections apart', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    try {
      const results = await Promise.all(
        Array.from({ length: 150 }, async (_, i) => {
          if (i % 2 === 0) return { i, got: (await sql`select ${i}::int + 0 as n`)[0]!.n as number };
          const { rows } = await pool.query<{ n: number }>('select $1::int + 0 as n', [i]);
          return { i, got: rows[0]!.n };
        }),
      );
      for (const { i, got } of results) expect(got).toBe(i);
    } finally {
      await pool.end();
    }
  });

  it('lets a transaction own the session: others wait and see only committed rows', async () => {
    let readResult: string[] | null = null;
    await sql.begin(async (tx) => {
      await tx`insert into gateway_probe values (10, 'committed')`;
      // Another connection's read is held back until the transaction ends; it must not see a half-done state.
      void sql`select label from gateway_probe where id = 10`.then((rows) => {
        readResult = rows.map((r) => r.label as string);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(readResult).toBeNull();
    });
    await expect.poll(() => readResult, { timeout: 5_000 }).toEqual(['committed']);
  });

  it('rolls back the transaction of a connection that disappears, and frees the session', async () => {
    const client = pgClient();
    await client.connect();
    client.on('error', () => {});
    await client.query('begin');
    await client.query(`insert into gateway_probe values (20, 'never committed')`);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const rows = await sql`select id from gateway_probe where id = 20`;
    expect(rows).toHaveLength(0);
  });

  it('rolls back a transaction that idles while others wait (a deadlock on one session), and says so', async () => {
    const client = pgClient();
    await client.connect();
    client.on('error', () => {});
    await client.query('begin');
    await client.query(`insert into gateway_probe values (30, 'stuck')`);
    // The transaction now does nothing more, as if it waited for this very query of another connection.
    const rows = await sql`select id from gateway_probe where id = 30`;
    expect(rows).toHaveLength(0);
    expect(gatewayLog.some((line) => line.includes('was rolled back'))).toBe(true);
    await expect(client.query('select 1')).rejects.toThrow();
  });

  it('applies settings a connection asked for at startup only to that connection', async () => {
    const client = pgClient({ options: '-c search_path=gateway_other' });
    await client.connect();
    try {
      const [other, mine] = await Promise.all([
        client.query<{ label: string }>('select label from gateway_probe where id = 1'),
        sql`select count(*)::int as n from gateway_probe where id = 1`,
      ]);
      expect(other.rows).toEqual([{ label: 'other schema' }]);
      expect(mine[0]!.n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('deallocates the prepared statements of a connection that closes', async () => {
    // One connection observes, so the counting itself adds exactly one statement, once.
    const observer = postgres(database.url, { max: 1, onnotice: () => {} });
    const count = async () => (await observer`select count(*)::int as n from pg_prepared_statements`)[0]!.n as number;
    await count();
    const before = await count();
    const shortLived = postgres(database.url, { max: 1, onnotice: () => {} });
    await shortLived`select ${1}::int as a`;
    await shortLived`select ${'b'}::text as b`;
    expect(await count()).toBeGreaterThanOrEqual(before + 2);
    await shortLived.end({ timeout: 5 });
    await expect.poll(count, { timeout: 5_000 }).toBe(before);
    await observer.end({ timeout: 5 });
  });

  it('delivers a notification to the connections listening on its channel only', async () => {
    const listener = pgClient();
    const bystander = pgClient();
    await Promise.all([listener.connect(), bystander.connect()]);
    try {
      const heard: string[] = [];
      const overheard: string[] = [];
      listener.on('notification', (m) => heard.push(`${m.channel}:${m.payload}`));
      bystander.on('notification', (m) => overheard.push(`${m.channel}:${m.payload}`));
      await listener.query('-- a comment first, as BullMQ sends it\nLISTEN gateway_channel;');
      await sql`select pg_notify('gateway_channel', 'hello')`;
      await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['gateway_channel:hello']);
      expect(overheard).toEqual([]);
    } finally {
      await Promise.all([listener.end(), bystander.end()]);
    }
  });
});
