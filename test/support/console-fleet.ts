import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One simulated console's record (times are the fleet process's Date.now(), the same machine clock). */
export interface FleetConsoleReport {
  ticketId: string;
  shown: string | null;
  version: string | null;
  /** When `shown` last changed. */
  shownAt: number | null;
  readyCount: number;
  /** Start of the latest reconnection attempt (the one that succeeded, once connected). */
  attemptAt: number | null;
  /** The engine.io connection of that attempt opened (WebSocket and engine.io handshake done). */
  openAt: number | null;
  connectedAt: number | null;
  readyAt: number | null;
  /** Fallback HTTP re-reads (a `session:ready` without a snapshot). */
  httpRereads: number;
}

export type FleetCommand =
  | {
      type: 'open';
      baseUrl: string;
      origin: string;
      consoles: { cookie: string; ticketId: string }[];
      batch: number;
    }
  | { type: 'report'; full?: boolean; resetLoopDelay?: boolean }
  | { type: 'close' };

export type FleetMessage =
  | { type: 'started' }
  | { type: 'opened'; showing: number }
  | {
      type: 'report';
      /** Every console's record when asked for `full`; empty otherwise (a cheap progress poll). */
      consoles: FleetConsoleReport[];
      counts: { showing: number; reconnected: number };
      process: FleetProcessFigures;
    };

/** The fleet process's own load: CPU used since it started, its event loop delay since the last reset. */
export interface FleetProcessFigures {
  cpuMs: number;
  loopDelayP50Ms: number;
  loopDelayMaxMs: number;
}

export type FleetReport = Omit<Extract<FleetMessage, { type: 'report' }>, 'type'>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ConsoleFleet {
  open(command: Omit<Extract<FleetCommand, { type: 'open' }>, 'type'>): Promise<number>;
  report(options?: { full?: boolean; resetLoopDelay?: boolean }): Promise<FleetReport>;
  close(): Promise<void>;
}

/** Starts the fleet process (test/support/console-fleet-process.ts through tsx). */
export async function startConsoleFleet(): Promise<ConsoleFleet> {
  const child: ChildProcess = fork(path.join(ROOT, 'test/support/console-fleet-process.ts'), [], {
    cwd: ROOT,
    execArgv: ['--conditions=source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FleetMessage['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<FleetMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`console fleet: no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: FleetMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as Extract<FleetMessage, { type: T }>);
      };
      child.on('message', onMessage);
    });
  await next('started', 30_000);
  return {
    async open(command) {
      const opened = next('opened', 300_000);
      child.send({ type: 'open', ...command } satisfies FleetCommand);
      return (await opened).showing;
    },
    async report(options = {}) {
      const answer = next('report', 30_000);
      child.send({ type: 'report', ...options } satisfies FleetCommand);
      const { consoles, counts, process } = await answer;
      return { consoles, counts, process };
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'close' } satisfies FleetCommand);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
