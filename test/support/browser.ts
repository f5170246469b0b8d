import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_DIST = path.join(ROOT, 'agent-console', 'dist');
/** Screenshots for review land here (ignored by git). */
export const OUTPUT_DIR = path.join(ROOT, 'test', 'output');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the console when its dist is missing or older than its sources, so `npm test` works from a fresh clone. */
export function ensureConsoleBuilt(): void {
  const index = path.join(CONSOLE_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'agent-console', 'src')),
    newestMtime(path.join(ROOT, 'shared', 'src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@hotline/agent-console'], { cwd: ROOT, stdio: 'inherit' });
}

/** Debian's Chromium, driven by playwright-core (which never downloads a browser of its own). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}
