import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_ORIGIN } from '../support/env.js';

/**
 * Runs the real embedded entry (server/src/platform/embedded/embedded-main.ts through tsx) as a child process, the
 * way `npm start` does after the build, with Postgres and Redis URLs that point nowhere: if anything still reached
 * for them the start would fail or hang, and the bounded waits below turn that into a test failure.
 */
export interface EmbeddedProcess {
  baseUrl: string;
  output(): string;
  /** SIGTERM, then the exit code (null when it had to be killed). */
  stop(): Promise<number | null>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = path.join(ROOT, 'server', 'src', 'platform', 'embedded', 'embedded-main.ts');

export async function startEmbeddedProcess(
  dataDir: string,
  extraEnv: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<EmbeddedProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOTLINE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      ALLOWED_ORIGINS: TEST_ORIGIN,
      // Nowhere: embedded mode must not need them.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere',
      REDIS_URL: 'redis://127.0.0.1:1',
      CONSOLE_DIST: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`embedded start took over ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /已启动 \(embedded\): (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`embedded process exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    baseUrl,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** A tiny cookie-keeping HTTP client for the console's API (same Origin header as the console). */
export function apiClient(baseUrl: string) {
  let cookie = '';
  async function call(method: string, url: string, body?: unknown) {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        origin: TEST_ORIGIN,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const setCookie = response.headers.get('set-cookie');
    const sid = setCookie && /hotline_sid=([^;]*)/.exec(setCookie);
    if (sid) cookie = sid[1] ? `hotline_sid=${sid[1]}` : '';
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
    signIn: (username: string, password: string) => call('POST', '/api/auth/login', { username, password }),
  };
}
