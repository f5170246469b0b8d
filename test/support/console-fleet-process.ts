/**
 * A fleet of simulated consoles in a process of its own (issue 10.6): in reality the consoles run on other machines,
 * so the server under test keeps its own core. Started by `console-fleet.ts` through tsx; talks to it over IPC.
 *
 * Each console shows one ticket's status and keeps it current the way the agent console does: it names the ticket
 * in its handshake (`auth.resync`), takes the state from `session:ready`'s snapshot (`mergeTicketStates`, the
 * console's own merge), follows `ticket:changed`, and falls back to re-reading over HTTP when a `session:ready`
 * carries no snapshot.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { retryWithJitter } from '../../agent-console/src/app/reconnect.js';
import { mergeTicketStates, type ResyncSnapshot } from '../../shared/src/realtime/resync.js';
import type { FleetCommand, FleetConsoleReport, FleetMessage } from './console-fleet.js';

interface SimulatedConsole extends FleetConsoleReport {
  socket: Socket;
  cookie: string;
}

const consoles: SimulatedConsole[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const send = (message: FleetMessage) => process.send?.(message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function show(c: SimulatedConsole, status: string, version: string | null) {
  if (c.shown !== status) c.shownAt = Date.now();
  c.shown = status;
  c.version = version;
}

/** The fallback (no snapshot): re-read the ticket over HTTP, retrying while the server is busy. */
async function reread(c: SimulatedConsole, baseUrl: string, origin: string) {
  c.httpRereads += 1;
  const giveUpAt = Date.now() + 30_000;
  while (Date.now() < giveUpAt) {
    const response = await fetch(`${baseUrl}/api/tickets/${c.ticketId}`, {
      headers: { cookie: c.cookie, origin },
    }).catch(() => null);
    if (response?.ok) {
      show(c, ((await response.json()) as { status: string }).status, null);
      return;
    }
    await sleep(100 + Math.random() * 200);
  }
}

function applySnapshot(c: SimulatedConsole, snapshot: ResyncSnapshot) {
  const item = snapshot.tickets.find((t) => t.id === c.ticketId);
  if (c.shown === null) {
    if (item) show(c, item.status, item.version);
    return;
  }
  const merged = mergeTicketStates({ [c.ticketId]: { status: c.shown as never, version: c.version } }, snapshot);
  for (const changed of merged.changed) show(c, changed.status, changed.version);
  const next = merged.next[c.ticketId];
  if (next) c.version = next.version ?? null;
}

function open(baseUrl: string, origin: string, cookie: string, ticketId: string) {
  const socket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin, cookie },
    // As the console: retries with full jitter (shared/src/realtime/reconnect.ts), not socket.io's own backoff.
    reconnection: false,
    auth: (cb) => cb({ resync: { tickets: [ticketId] } }),
  });
  const c: SimulatedConsole = {
    socket,
    cookie,
    ticketId,
    shown: null,
    version: null,
    shownAt: null,
    readyCount: 0,
    attemptAt: null,
    openAt: null,
    connectedAt: null,
    readyAt: null,
    httpRereads: 0,
  };
  // The start of the attempt that succeeds is the last one before `connect`: "reconnecting" starts there.
  retryWithJitter(socket, { onAttempt: () => (c.attemptAt = Date.now()) });
  socket.io.on('open', () => (c.openAt = Date.now()));
  socket.on('connect', () => (c.connectedAt = Date.now()));
  socket.on('session:ready', (payload: { resync?: ResyncSnapshot }) => {
    c.readyCount += 1;
    c.readyAt = Date.now();
    if (payload.resync) applySnapshot(c, payload.resync);
    else void reread(c, baseUrl, origin);
  });
  socket.on('ticket:changed', (payload: { id: string; status: string }) => {
    if (payload.id === c.ticketId) show(c, payload.status, null);
  });
  consoles.push(c);
}

const report = (): FleetConsoleReport[] => consoles.map(({ socket: _socket, cookie: _cookie, ...rest }) => rest);

process.on('message', async (command: FleetCommand) => {
  if (command.type === 'open') {
    // Consoles open in batches (a shift starting), each batch showing its tickets before the next opens.
    for (let i = 0; i < command.consoles.length; i++) {
      open(command.baseUrl, command.origin, command.consoles[i]!.cookie, command.consoles[i]!.ticketId);
      if (consoles.length % command.batch === 0 || i === command.consoles.length - 1) {
        const giveUpAt = Date.now() + 60_000;
        while (consoles.some((c) => c.shown === null) && Date.now() < giveUpAt) await sleep(20);
      }
    }
    send({ type: 'opened', showing: consoles.filter((c) => c.shown !== null).length });
  } else if (command.type === 'report') {
    const cpu = process.cpuUsage();
    send({
      type: 'report',
      consoles: command.full ? report() : [],
      counts: {
        showing: consoles.filter((c) => c.shown !== null).length,
        reconnected: consoles.filter((c) => c.readyCount > 1).length,
      },
      process: {
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        loopDelayP50Ms: Math.round(loopDelay.percentile(50) / 1e6),
        loopDelayMaxMs: Math.round(loopDelay.max / 1e6),
      },
    });
    if (command.resetLoopDelay) loopDelay.reset();
  } else if (command.type === 'close') {
    for (const c of consoles) c.socket.disconnect();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'started' });
