import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHECK_FILE = path.join(ROOT, 'agent-console/src/contract-types.check.ts');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
// Inside the repository, so the copied contracts still resolve `typebox` from node_modules.
const WORK = mkdtempSync(path.join(ROOT, 'node_modules/.contract-check-'));

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** Type-checks the console's contract check file against a copy of shared/src, optionally edited first. */
async function typeCheck(edit?: { file: string; from: string; to: string }): Promise<string> {
  const shared = mkdtempSync(path.join(WORK, 'shared-'));
  cpSync(path.join(ROOT, 'shared/src'), shared, { recursive: true });
  if (edit) {
    const file = path.join(shared, edit.file);
    const source = readFileSync(file, 'utf8');
    if (!source.includes(edit.from)) throw new Error(`${edit.file} no longer contains ${edit.from}`);
    writeFileSync(file, source.replace(edit.from, edit.to));
  }
  const config = path.join(shared, 'tsconfig.check.json');
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        paths: { '@hotline/shared/*': [`${shared}/*`] },
      },
      files: [CHECK_FILE],
    }),
  );
  try {
    await promisify(execFile)(process.execPath, [TSC, '-p', config], { cwd: ROOT });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('issue 11: one contract — a schema change in shared/ breaks the console type-check', () => {
  it('type-checks against the contracts as they are', async () => {
    expect(await typeCheck()).toBe('');
  }, 120_000);

  it('fails when a calendar field changes type', async () => {
    const output = await typeCheck({
      file: 'contracts/calendar.ts',
      from: 'isWorkingDay: Type.Boolean(),\n  name: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),',
      to: 'isWorkingDay: Type.String(),\n  name: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),',
    });
    expect(output).toContain('contract-types.check.ts');
    expect(output).toMatch(/TS2322|TS2578/);
  }, 120_000);

  it('fails when an intake decision is added', async () => {
    const output = await typeCheck({
      file: 'contracts/tickets.ts',
      from: "export const INTAKE_DECISIONS = ['dispatch', 'answered', 'rejected', 'transferred', 'merged'] as const;",
      to: "export const INTAKE_DECISIONS = ['dispatch', 'answered', 'rejected', 'transferred', 'merged', 'ignored'] as const;",
    });
    expect(output).toContain('TS2578'); // Unused '@ts-expect-error' directive
  }, 120_000);
});
