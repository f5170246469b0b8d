import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createUnit, hotlineUser } from '../support/ticket-factories.js';
import { createReportService, reportPeriod } from '../../server/src/modules/supervision/report.service.js';
import { insertTicket } from './supervision-support.js';

/** Issue 14 — reports: Excel with masked numbers and no confidential callers; downloads audited; leads only. */
let t: TestApp;
let dataDir: string;
let lead: { cookie: string };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'i14-reports-'));
  t = await startTestApp({ dataDir });
  const db = t.deps.database.db;
  lead = await hotlineUser(t.app, db, 'lead');
  await db.execute(sql`DELETE FROM tickets WHERE false`);
  const day = new Date('2034-02-07T03:00:00Z');
  await insertTicket(db, { status: 'closed', createdAt: day, title: '路灯不亮' });
  const secret = await insertTicket(db, { status: 'closed', createdAt: day, title: '举报无证经营', type: 'report' });
  await db.execute(sql`UPDATE tickets SET caller_name = '王举报', caller_phone = '13912345678' WHERE id = ${secret}`);
});

afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('issue 14 reports', () => {
  it('periods: the day, its Monday–Sunday week, its month', () => {
    expect(reportPeriod('daily', '2034-02-07')).toEqual({ from: '2034-02-07', to: '2034-02-07' });
    expect(reportPeriod('weekly', '2034-02-05')).toEqual({ from: '2034-01-30', to: '2034-02-05' }); // a Sunday
    expect(reportPeriod('monthly', '2034-02-07')).toEqual({ from: '2034-02-01', to: '2034-02-28' });
  });

  it('a daily report is generated as Excel, masked, without confidential callers, and its download audited', async () => {
    const requested = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/reports',
      headers: asUser(lead.cookie),
      payload: { kind: 'daily', date: '2034-02-07' },
    });
    expect(requested.statusCode, requested.body).toBe(200);
    const { id } = requested.json();
    // The worker's job handler, run here directly.
    await createReportService({ db: t.deps.database.db, clock: t.clock, queues: t.deps.queues, dataDir }).generate(id);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/reports/${id}/download`,
      headers: asUser(lead.cookie),
    });
    expect(download.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('工单明细')!;
    const lines = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).join('|'));
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('139****1111');
    expect(lines.join('\n')).not.toContain('13900001111');
    expect(lines.join('\n')).not.toContain('王举报');
    expect(lines.join('\n')).not.toContain('13912345678');
    expect(workbook.getWorksheet('指标汇总')!.getRow(2).getCell(2).value).toBe('接通率');
    const [audit] = await t.deps.database.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'report.download' AND entity_id = ${id}`,
    );
    expect(Number(audit!.n)).toBe(1);
    const unit = await createUnit(t.app, t.deps.database.db);
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/reports/${id}/download`,
      headers: asUser(unit.handler.cookie),
    });
    expect(refused.statusCode).toBe(403);
  });
});
