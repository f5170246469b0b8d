/**
 * `npm run bench [name…]`: runs every test/bench/<name>.bench.ts (or only those named) one after another and prints
 * their figures. Benchmarks run on demand, never in `npm test`: speed is measured here, not asserted in timed tests.
 * Each bench module exports `run(): Promise<void>`, owns its data (a database of its own) and cleans up.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matched ${wanted.join(', ') || '(none present)'}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n=== ${file.replace(/\.bench\.ts$/, '')} ===`);
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run: () => Promise<void> };
  await mod.run();
}
process.exit(0);
