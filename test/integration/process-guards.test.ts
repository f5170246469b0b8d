import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('../support/fixtures/unhandled-rejections.ts', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', fixture, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('process guards: an unhandled rejection in a running server process', () => {
  it('goes on after a dependency connection drop, and logs it', () => {
    const result = run();
    expect(result.stdout).toContain('unhandled rejection from a dependency connection');
    expect(result.stdout).toContain('still running');
    expect(result.status).toBe(0);
  });

  it('exits non-zero on a programming error, with a fatal log line', () => {
    const result = run('--then-bug');
    expect(result.stdout).toContain('still running');
    expect(result.stdout).toMatch(/"level":60.*exiting so a clean process takes over/);
    expect(result.status).toBe(1);
  });
});
