/**
 * Starts Kamailio and rtpengine with the project's configs on loopback, as any user: run directory, control socket,
 * pid files and recordings go to a temporary directory, every port is given on the command line. Used by
 * `npm run telephony`, `npm start` (when both are installed) and the integration tests (on free ports).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const KAMAILIO_CFG = path.join(here, 'kamailio', 'kamailio.cfg');
export const RTPENGINE_CONF = path.join(here, 'rtpengine', 'rtpengine.conf');
/** The post-call satisfaction prompt rtpengine plays to the caller (make-prompts.ts writes the stand-in). */
export const SURVEY_PROMPT = path.join(here, 'prompts', 'survey.wav');

const KAMAILIO_BIN = ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'];
const RTPENGINE_BIN = ['/usr/bin/rtpengine', '/usr/sbin/rtpengine', '/usr/local/bin/rtpengine'];

export interface TelephonyOptions {
  /** Where the hotline server listens (Kamailio posts telephony events there). */
  serverUrl: string;
  telephonySecret: string;
  sipAuthSecret: string;
  /** 0 = a free port. */
  sipPort?: number;
  /** HTTP + WebSocket (ws://host:port/ws) for softphones and the server's commands. */
  httpPort?: number;
  ngPort?: number;
  rtpPortMin?: number;
  rtpPortMax?: number;
  /** Size of the random RTP port range when no min/max is given (default 200: ~50 calls; 4 ports per call at most). */
  rtpPorts?: number;
  credentialTtlSeconds?: number;
  /** REGISTERs per source address and 2 s before the proxy refuses (flood guard). */
  registerLimit?: number;
  /** SIP URI of the carrier's trunk (e.g. sip:10.0.0.1:5060): calls to unregistered numbers go there; unset = 404. */
  trunkUri?: string;
  /**
   * Addresses (CIDRs, comma-separated) allowed to send calls to 12345 without a credential: the carrier's trunk and
   * gateways. Default: loopback only (the scripted caller of `npm run call` and the tests).
   */
  trunkSources?: string;
  /** Address to listen on (default loopback). 0.0.0.0 in a container: media then uses the first non-loopback IPv4. */
  bindAddress?: string;
  /**
   * Address rtpengine's ng control port listens on (default loopback). 0.0.0.0 only on a private network (the compose
   * network, for the server's listen-in in another container): the ng protocol has no authentication.
   */
  ngBind?: string;
  /** host:port where rtpengine sends every DTMF keypress as JSON (the server's DTMF listener, SIP_DTMF_PORT). */
  dtmfLogDest?: string;
  /** Kamailio's shared memory in MB (default 256: ~2,000 WebSocket registrations plus calls need more than 64). */
  shmMb?: number;
  /** How long the satisfaction survey waits for a keypress before it records no_answer and hangs up (default 20). */
  surveySeconds?: number;
  /** Kamailio's log level (-d count; 0 = warnings only). */
  verbose?: boolean;
  runDir?: string;
  /** rtpengine's recording directory (the server's RECORDING_DIR); default `<runDir>/recordings`. */
  recordingDir?: string;
  /** Where the processes' output goes; default: files in the run directory. */
  onLog?: (source: 'kamailio' | 'rtpengine', line: string) => void;
}

export interface RunningTelephony {
  runDir: string;
  sipPort: number;
  httpPort: number;
  ngPort: number;
  rtpPortMin: number;
  rtpPortMax: number;
  /** ws://127.0.0.1:<httpPort>/ws — where softphones connect. */
  wsUrl: string;
  /** http://127.0.0.1:<httpPort> — where the server sends t_continue and RPC commands. */
  httpUrl: string;
  recordingDir: string;
  stop(): Promise<void>;
}

export function findBinary(candidates: string[]): string | null {
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Both parts installed? Returns what is missing (empty when everything is there). */
export function missingParts(): string[] {
  const missing: string[] = [];
  if (!findBinary(KAMAILIO_BIN)) missing.push('kamailio');
  if (!findBinary(RTPENGINE_BIN)) missing.push('rtpengine');
  return missing;
}

export async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    socket.close();
    return port;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A free port usable for both UDP and TCP (SIP listens on both). */
async function freeDualPort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freePort('tcp');
    const socket = dgram.createSocket('udp4');
    const ok = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => resolve(true));
    });
    socket.close();
    if (ok) return port;
  }
  throw new Error('no free port');
}

/** An RTP range of `size` ports, picked at random in 20000–59999 so parallel runs rarely collide. */
function rtpRange(size = 200): [number, number] {
  const start = 20000 + Math.floor(Math.random() * ((40000 - size) / 2)) * 2;
  return [start, start + size - 1];
}

function waitTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listening on 127.0.0.1:${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Sends an rtpengine `ping` over the ng protocol until it answers `pong`. */
async function waitRtpengine(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const socket = dgram.createSocket('udp4');
  try {
    while (Date.now() < deadline) {
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 200);
        socket.once('message', (msg) => {
          clearTimeout(timer);
          resolve(msg.toString().includes('pong'));
        });
        socket.send('ping1 d7:command4:pinge', port, '127.0.0.1');
      });
      if (answered) return;
    }
    throw new Error(`rtpengine did not answer on 127.0.0.1:${port}`);
  } finally {
    socket.close();
  }
}

function pipeLines(
  child: ChildProcess,
  source: 'kamailio' | 'rtpengine',
  onLog: (source: 'kamailio' | 'rtpengine', line: string) => void,
) {
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        onLog(source, buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Checks the Kamailio config with the same defines (kamailio -c); throws with Kamailio's own message. */
export function checkKamailioConfig(defines: string[] = []): void {
  const bin = findBinary(KAMAILIO_BIN);
  if (!bin) throw new Error('kamailio is not installed');
  const result = spawnSync(bin, ['-c', '-f', KAMAILIO_CFG, ...defines.flatMap((d) => ['-A', d])], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`kamailio.cfg does not check:\n${result.stderr}`);
}

export async function startTelephony(options: TelephonyOptions): Promise<RunningTelephony> {
  const kamailio = findBinary(KAMAILIO_BIN);
  const rtpengine = findBinary(RTPENGINE_BIN);
  if (!kamailio || !rtpengine) throw new Error(`not installed: ${missingParts().join(', ')}`);
  const runDir = options.runDir ?? mkdtempSync(path.join(os.tmpdir(), 'hotline-telephony-'));
  mkdirSync(runDir, { recursive: true });
  const recordingDir = options.recordingDir ?? path.join(runDir, 'recordings');
  mkdirSync(recordingDir, { recursive: true });
  const sipPort = options.sipPort || (await freeDualPort());
  const httpPort = options.httpPort || (await freePort('tcp'));
  const ngPort = options.ngPort || (await freePort('udp'));
  const [defaultMin, defaultMax] = rtpRange(options.rtpPorts);
  const rtpPortMin = options.rtpPortMin ?? defaultMin;
  const rtpPortMax = options.rtpPortMax ?? defaultMax;
  const recent: string[] = [];
  const onLog = (source: 'kamailio' | 'rtpengine', line: string) => {
    recent.push(`[${source}] ${line}`);
    if (recent.length > 40) recent.shift();
    options.onLog?.(source, line);
  };
  const stdio = ['ignore', 'pipe', 'pipe'] as const;

  const bind = options.bindAddress ?? '127.0.0.1';
  const mediaAddress =
    bind === '0.0.0.0'
      ? (Object.values(os.networkInterfaces())
          .flat()
          .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.1')
      : bind;
  const rtp = spawn(
    rtpengine,
    [
      `--config-file=${RTPENGINE_CONF}`,
      '--foreground',
      '--log-stderr',
      '--table=-1',
      `--interface=${mediaAddress}`,
      `--listen-ng=${options.ngBind ?? '127.0.0.1'}:${ngPort}`,
      `--port-min=${rtpPortMin}`,
      `--port-max=${rtpPortMax}`,
      `--pidfile=${path.join(runDir, 'rtpengine.pid')}`,
      `--recording-dir=${recordingDir}`,
      '--recording-method=pcap',
      '--recording-format=raw',
      ...(options.dtmfLogDest ? [`--dtmf-log-dest=${options.dtmfLogDest}`] : []),
    ],
    { stdio: [...stdio], cwd: runDir },
  );
  pipeLines(rtp, 'rtpengine', onLog);
  const exited = (name: string, child: ChildProcess) => {
    const p = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${name} exited at start (code ${code}):\n${recent.join('\n')}`))),
    );
    p.catch(() => {});
    return p;
  };
  try {
    // Kamailio pings rtpengine at start: rtpengine first.
    await Promise.race([waitRtpengine(ngPort, 15_000), exited('rtpengine', rtp)]);
  } catch (error) {
    await stopChild(rtp);
    throw error;
  }

  const defines = [
    'LISTEN_GIVEN',
    `SERVER_URL="${options.serverUrl}"`,
    `TELEPHONY_SECRET="${options.telephonySecret}"`,
    `SIP_AUTH_SECRET="${options.sipAuthSecret}"`,
    `RTPENGINE_SOCK="udp:127.0.0.1:${ngPort}"`,
    `SIP_CRED_TTL=${options.credentialTtlSeconds ?? 43200}`,
    `REGISTER_LIMIT=${options.registerLimit ?? 200}`,
    `SURVEY_PROMPT="${SURVEY_PROMPT}"`,
    `SURVEY_SECONDS=${options.surveySeconds ?? 20}`,
    // The carrier's trunk for numbers no phone is registered as (citizens, 110/119/120/122 in production).
    ...(options.trunkUri ? [`TRUNK_URI="${options.trunkUri}"`] : []),
    ...(options.trunkSources ? [`TRUNK_SOURCES="${options.trunkSources}"`] : []),
  ];
  const kam = spawn(
    kamailio,
    [
      '-f',
      KAMAILIO_CFG,
      '-DD',
      '-E',
      ...(options.verbose ? ['-d', '-d'] : []),
      '-Y',
      runDir,
      '-w',
      runDir,
      '-P',
      path.join(runDir, 'kamailio.pid'),
      // Shared memory (MB): the TCP/WebSocket connections of every registered softphone live there (see kamailio.cfg).
      '-m',
      String(options.shmMb ?? 256),
      '-M',
      '8',
      '-l',
      `udp:${bind}:${sipPort}`,
      '-l',
      `tcp:${bind}:${sipPort}`,
      '-l',
      `tcp:${bind}:${httpPort}`,
      ...defines.flatMap((d) => ['-A', d]),
    ],
    { stdio: [...stdio], cwd: runDir },
  );
  pipeLines(kam, 'kamailio', onLog);

  // If this process dies without stop(), take both along (no orphaned proxies holding ports).
  const killOnExit = () => {
    kam.kill('SIGKILL');
    rtp.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await Promise.all([stopChild(kam), stopChild(rtp)]);
    if (!options.runDir) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitTcp(httpPort, 15_000), exited('kamailio', kam)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    runDir,
    sipPort,
    httpPort,
    ngPort,
    rtpPortMin,
    rtpPortMax,
    wsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    recordingDir,
    stop,
  };
}
