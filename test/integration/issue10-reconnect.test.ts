import { afterAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { inArray } from 'drizzle-orm';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { startConsoleFleet, type ConsoleFleet, type FleetConsoleReport } from '../support/console-fleet.js';
import { TEST_ORIGIN } from '../support/env.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTicket, hotlineUser } from '../support/ticket-factories.js';

/**
 * Issue 10.6 — 1,000 consoles across a server restart. The consoles run in a process of their own (in reality they
 * are other machines; see support/console-fleet-process.ts): each shows one ticket's status, names it in its
 * handshake and takes its state from `session:ready`'s re-sync snapshot. The server is shut down gracefully (inside
 * its limit, with 1,000 sockets open), the tickets change in the database while it is down, and a new server starts
 * on the same port. Every console must then show what a fresh database read says, within 5 s of reconnecting — from
 * the moment its connection is back (the handshake accepted: the header's tag turns to 已连接, which is when the person
 * at the console takes it to be live again) to showing the database's state, so the session check, the snapshot read
 * and applying it all count. The wait before that — the retry's jitter and the accept queue of a server restarting
 * under 1,000 consoles — is bounded separately and printed (ISSUE10_DEBUG=1).
 */
const CLIENTS = 1_000;
const USERS = 10;
const TICKETS = 20;
/** Tickets that do not change while the server is down: their consoles must keep showing them as they are. */
const UNCHANGED = 4;
/** main.ts forces the process out after 15 s; a graceful shutdown must finish well inside that. */
const SHUTDOWN_LIMIT_MS = 10_000;
/** Issue 10.6: every console shows the database's state within 5 s of its connection being back. */
const RESYNC_LIMIT_MS = Number(process.env.RESYNC_LIMIT_MS ?? 5_000);
/**
 * From the start of the retry that succeeded to the state shown, the accept queue included. On the shared 2-core
 * machine (load average 18–25 from other test runs) the slowest took 5.8–41 s — the server process then gets a tenth
 * of a core — so this bound is what that machine guarantees, not a target.
 */
const ATTEMPT_LIMIT_MS = Number(process.env.RESYNC_ATTEMPT_LIMIT_MS ?? 60_000);

let first: TestApp | null = null;
let second: TestApp | null = null;
let fleet: ConsoleFleet | null = null;
afterAll(async () => {
  await fleet?.close();
  await first?.app.close().catch(() => {});
  await second?.close().catch(() => {});
});

const progress = (step: string) => process.env.ISSUE10_DEBUG && process.stderr.write(`[reconnect] ${step}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  progress(`waiting for ${what}`);
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function figures(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[sorted.length >> 1]!,
    p90: sorted[Math.floor(sorted.length * 0.9)]!,
    max: sorted.at(-1)!,
  };
}

describe('issue 10.6: consoles re-sync after a server restart', () => {
  it('1,000 socket.io consoles across a restart all match the database after reconnecting (bounded re-sync)', async () => {
    first = await startTestApp();
    await first.app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
    const port = (first.app.server.address() as AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    const db = first.deps.database.db;
    const agents: { cookie: string }[] = [];
    for (let i = 0; i < USERS; i++) agents.push(await hotlineUser(first.app, db, 'agent'));
    const ticketIds: string[] = [];
    for (let i = 0; i < TICKETS; i++) ticketIds.push((await createTicket(first.app, agents[0]!.cookie)).id);
    const statusesInDb = async (from: typeof db) =>
      new Map(
        (
          await from
            .select({ id: tickets.id, status: tickets.status })
            .from(tickets)
            .where(inArray(tickets.id, ticketIds))
        ).map((r) => [r.id, r.status as string]),
      );

    fleet = await startConsoleFleet();
    const showing = await fleet.open({
      baseUrl,
      origin: TEST_ORIGIN,
      consoles: Array.from({ length: CLIENTS }, (_, i) => ({
        cookie: agents[i % USERS]!.cookie,
        ticketId: ticketIds[i % TICKETS]!,
      })),
      batch: 100,
    });
    expect(showing, 'consoles showing their ticket before the restart').toBe(CLIENTS);
    const before = await statusesInDb(db);
    const opened = (await fleet.report()).consoles;
    expect(opened.filter((c) => c.shown !== before.get(c.ticketId))).toHaveLength(0);

    // Graceful shutdown with 1,000 sockets open, inside its limit.
    const shutdownStarted = Date.now();
    await first.app.close();
    const shutdownMs = Date.now() - shutdownStarted;
    progress(`shutdown took ${shutdownMs} ms`);
    expect(shutdownMs, 'graceful shutdown with 1,000 sockets (ms)').toBeLessThan(SHUTDOWN_LIMIT_MS);

    // While the server is down, the tickets change (another node, a worker, a migration …): a raw update that does
    // not even touch `updated_at`, so only the status tells.
    const changedIds = ticketIds.slice(0, TICKETS - UNCHANGED);
    const other = await startTestApp({ redisPrefix: first.deps.config.redisPrefix });
    await other.deps.database.db
      .update(tickets)
      .set({ status: 'closed' })
      .where(
        inArray(
          tickets.id,
          changedIds.filter((_, i) => i % 2 === 0),
        ),
      );
    await other.deps.database.db
      .update(tickets)
      .set({ status: 'archived' })
      .where(
        inArray(
          tickets.id,
          changedIds.filter((_, i) => i % 2 === 1),
        ),
      );
    await other.app.close();

    // A new server on the same port, same sessions (same Redis prefix).
    const fleetBefore = (await fleet.report({ resetLoopDelay: true })).process;
    second = await startTestApp({ redisPrefix: first.deps.config.redisPrefix });
    await second.app.listen({ host: '127.0.0.1', port, backlog: 4096 });
    const upAt = Date.now();
    const cpuBefore = process.cpuUsage();

    await until(
      'every console reconnected',
      async () => {
        const { counts } = await fleet!.report();
        progress(`${counts.reconnected} reconnected`);
        return counts.reconnected === CLIENTS;
      },
      150_000,
    );
    const cpu = process.cpuUsage(cpuBefore);
    // What the database says now, read fresh after the restart; every console must come to show exactly that.
    const truth = await statusesInDb(second.deps.database.db);
    expect(changedIds.every((id) => truth.get(id) !== before.get(id))).toBe(true);
    let report: FleetConsoleReport[] = [];
    const matches = (c: FleetConsoleReport) => c.shown === truth.get(c.ticketId);
    await until(
      'every console showing the database',
      async () => (report = (await fleet!.report({ full: true })).consoles).every(matches),
      15_000,
    ).catch(() => {});
    // Every console reported (a failed or partial report must not pass as "none stale").
    expect(report).toHaveLength(CLIENTS);
    const stale = report.filter((c) => !matches(c));
    expect(stale.length, 'consoles showing another state than the database').toBe(0);
    // A `session:ready` without a snapshot (the snapshot read took over 5 s) makes the console re-read over HTTP.
    progress(`session:ready without a snapshot (HTTP re-reads): ${report.reduce((n, c) => n + c.httpRereads, 0)}`);

    // A console whose ticket changed came to show it this long after its successful reconnection attempt started.
    const changed = report.filter((c) => changedIds.includes(c.ticketId));
    expect(changed.length, 'consoles whose ticket changed while the server was down').toBeGreaterThan(0);
    const lags = changed.map((c) => c.shownAt! - c.attemptAt!);
    const attemptToMatch = figures(lags);
    const fleetAfter = (await fleet.report()).process;
    const ms = (f: ReturnType<typeof figures>) => `median ${f.median} ms, p90 ${f.p90} ms, max ${f.max} ms`;
    progress(
      `reconnection attempt → match: ${ms(attemptToMatch)}\n` +
        `  attempt → engine open: ${ms(figures(changed.map((c) => c.openAt! - c.attemptAt!)))}\n` +
        `  open → connect: ${ms(figures(changed.map((c) => c.connectedAt! - c.openAt!)))}\n` +
        `  connect → match: ${ms(figures(changed.map((c) => c.shownAt! - c.connectedAt!)))}\n` +
        `  server listening → attempt: ${ms(figures(changed.map((c) => c.attemptAt! - upAt)))}\n` +
        `  server listening → match: ${ms(figures(changed.map((c) => c.shownAt! - upAt)))}\n` +
        `  CPU while reconnecting: server ${Math.round((cpu.user + cpu.system) / 1000)} ms, ` +
        `fleet ${fleetAfter.cpuMs - fleetBefore.cpuMs} ms (fleet event loop delay max ${fleetAfter.loopDelayMaxMs} ms)`,
    );
    expect(Math.min(...lags), 'the state shown came after the reconnection').toBeGreaterThanOrEqual(0);
    const connectToMatch = figures(changed.map((c) => c.shownAt! - c.connectedAt!));
    expect(connectToMatch.max, 'slowest re-sync once the connection was back (ms)').toBeLessThan(RESYNC_LIMIT_MS);
    expect(attemptToMatch.max, 'slowest re-sync from the start of its retry (ms)').toBeLessThan(ATTEMPT_LIMIT_MS);
  }, 500_000);
});
