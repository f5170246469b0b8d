import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../server/src/modules/audit/audit.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.deps.database.db;
    await recordAudit(
      db,
      { userId: null, role: 'system', ip: null },
      { action: 'test.append', entityType: 'test', entityId: 'x1' },
    );
    const [row] = await db.execute<{ id: number }>(
      sql`select id from audit_log where entity_id = 'x1' order by id desc limit 1`,
    );
    expect(row).toBeDefined();
    // Raw SQL on the app's own connection: the refusal must come from the database, not from app code.
    const raw = t.deps.database.sql;
    await expect(raw`update audit_log set action = 'tampered' where id = ${row!.id}`).rejects.toThrow(/append-only/);
    await expect(raw`delete from audit_log where id = ${row!.id}`).rejects.toThrow(/append-only/);
    await expect(raw`truncate audit_log`).rejects.toThrow(/append-only/);
    const [after] = await db.execute<{ action: string }>(sql`select action from audit_log where id = ${row!.id}`);
    expect(after!.action).toBe('test.append');
  });
});
