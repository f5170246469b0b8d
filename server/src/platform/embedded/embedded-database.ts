import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { startPgliteGateway, type GatewayOptions } from './pglite-gateway.js';

export interface EmbeddedDatabase {
  /** A normal postgres:// URL (loopback, per-process password) for postgres.js and `pg`. */
  readonly url: string;
  close(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite keeps its files in one folder and must be opened by one process only: two writers corrupt it.
 * A lock file with our pid refuses a second start on the same folder and is taken over when its process is gone.
 */
function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'hotline.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      throw new Error(
        `数据目录 ${dataDir} 正被进程 ${pid} 使用 (the data folder is in use by process ${pid}; stop it first or set HOTLINE_DATA_DIR)`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/** Opens (or creates) the embedded Postgres in `<dataDir>/pgdata` and puts the wire-protocol gateway in front of it. */
export async function startEmbeddedDatabase(
  dataDir: string,
  options: Pick<GatewayOptions, 'log' | 'idleOwnerLimitMs' | 'starvationWarningMs'> = {},
): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const db = await PGlite.create(pgdata);
    const gateway = await startPgliteGateway(db, { ...options, password: randomBytes(18).toString('base64url') });
    return {
      url: gateway.url,
      async close() {
        await gateway.close();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
