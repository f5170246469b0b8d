import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-departments.js';
import { apiClient, startEmbeddedProcess, type EmbeddedProcess } from './embedded-process.js';

/**
 * Embedded mode end to end: the real entry in a child process, Postgres/Redis URLs pointing nowhere, a fresh data
 * folder. Start, sign in, change data, stop, start again on the same folder, and find the data.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-embedded-smoke-'));
const NEW_ADMIN_PASSWORD = 'Embedded@Trial-2026';
/** Arm due clock stages every 2 s instead of every minute, so a stage fires within seconds. */
const FAST_CLOCK_SCHEDULER = { CLOCK_SCHEDULER_PERIOD_MS: '2000' };
let running: EmbeddedProcess | null = null;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ClockJson {
  kind: string;
  firedStages: string[];
}

function handlingStages(response: { status: number; body: Record<string, unknown> }): string[] {
  if (response.status !== 200)
    throw new Error(`ticket read failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body.clocks as ClockJson[]).filter((c) => c.kind === 'handling').flatMap((c) => c.firedStages);
}

/** Admin shortens the handling clock of critical complaints to 3 s; agent takes the call; 市场监管 signs for it. */
async function ticketThroughSignFor(baseUrl: string, departments: { id: string; code: string }[]): Promise<string> {
  const admin = apiClient(baseUrl);
  expect((await admin.signIn('admin', NEW_ADMIN_PASSWORD)).status).toBe(200);
  const policy = await admin.get('/api/admin/clock-policy');
  expect(policy.status).toBe(200);
  const rules = [
    ...(policy.body.rules as object[]),
    {
      kind: 'handling',
      type: 'complaint',
      urgency: 'critical',
      category: null,
      duration: { amount: 0.05, unit: 'calendar_minutes' },
      priority: 10_000,
      note: 'embedded smoke test',
    },
  ];
  const replaced = await admin.put('/api/admin/clock-policy', { rules, settings: policy.body.settings });
  expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);

  const agent = apiClient(baseUrl);
  expect((await agent.signIn('agent01', DEMO_PASSWORD)).status).toBe(200);
  const intake = await agent.post('/api/tickets', {
    channel: 'phone',
    type: 'complaint',
    urgency: 'critical',
    caller: { name: '张先生', phone: '13800138000' },
    address: '示范市西湖区文三路 1 号',
    content: '小区门口的超市出售过期食品，要求市场监管部门查处。',
  });
  expect(intake.status, JSON.stringify(intake.body)).toBeLessThan(300);
  expect(intake.body.status).toBe('pending_dispatch');
  const ticketId = intake.body.id as string;

  const scjg = departments.find((d) => d.code === 'SCJG')!;
  const dispatched = await agent.post(`/api/tickets/${ticketId}/dispatch`, { leadDepartmentId: scjg.id });
  expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
  expect(dispatched.body.status).toBe('awaiting_sign');

  const handler = apiClient(baseUrl);
  expect((await handler.signIn('handler_scjg', DEMO_PASSWORD)).status).toBe(200);
  const signed = await handler.post(`/api/tickets/${ticketId}/sign`, {});
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  expect(signed.body.status).toBe('in_progress');
  return ticketId;
}

describe('embedded mode (PGlite + queues on Postgres, one process)', () => {
  it('starts with demo data and no Redis, keeps its data across a restart', { timeout: 240_000 }, async () => {
    // The server's own log explains a failure better than the HTTP status does.
    onTestFailed(() => console.error(`embedded process output:\n${running?.output() ?? '(not running)'}`));
    running = await startEmbeddedProcess(dataDir, FAST_CLOCK_SCHEDULER);
    let api = apiClient(running.baseUrl);

    const health = await api.get('/api/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', postgres: 'up', redis: 'not_used' } });

    // Demo data was seeded: a demo agent and the admin sign in with the documented password.
    expect((await apiClient(running.baseUrl).signIn('agent01', DEMO_PASSWORD)).status).toBe(200);
    expect((await api.signIn('admin', DEMO_PASSWORD)).status).toBe(200);
    const departments = await api.get('/api/departments');
    expect(departments.status).toBe(200);
    expect((departments.body.items as { code: string }[]).map((d) => d.code)).toContain('SCJG');

    // A write: the admin changes their password (one transaction with its audit row).
    const changed = await api.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_ADMIN_PASSWORD,
    });
    expect(changed.status).toBe(200);

    // A ticket through intake → dispatch → sign-for, with a handling clock short enough to see its stages fire.
    const ticketId = await ticketThroughSignFor(
      running.baseUrl,
      departments.body.items as { id: string; code: string }[],
    );
    const agent = apiClient(running.baseUrl);
    expect((await agent.signIn('agent01', DEMO_PASSWORD)).status).toBe(200);
    // The stage jobs run on BullMQ's Postgres backend here, armed by the (shortened) scheduler.
    await expect
      .poll(async () => handlingStages(await agent.get(`/api/tickets/${ticketId}`)), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toContain('due');

    expect(await running.stop()).toBe(0);
    running = null;

    // Same folder, new process: the database is reopened, not re-created or re-seeded.
    running = await startEmbeddedProcess(dataDir, FAST_CLOCK_SCHEDULER);
    api = apiClient(running.baseUrl);
    expect((await api.signIn('admin', DEMO_PASSWORD)).status).toBe(401);
    expect((await api.signIn('admin', NEW_ADMIN_PASSWORD)).status).toBe(200);
    const audit = await api.get('/api/audit?action=auth.password_changed');
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);

    const ticket = await api.get(`/api/tickets/${ticketId}`);
    expect(ticket.status).toBe(200);
    expect(ticket.body.status).toBe('in_progress');
    expect(handlingStages(ticket)).toContain('due');
  });

  it('refuses a second process on the same data folder', { timeout: 120_000 }, async () => {
    expect(running).not.toBeNull();
    await expect(startEmbeddedProcess(dataDir, {}, 60_000)).rejects.toThrow(/正被进程 \d+ 使用/);
  });
});
