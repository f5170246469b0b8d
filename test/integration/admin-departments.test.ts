import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';
import { createDepartment } from '../support/factories.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { act, createTicket, createUnit, hotlineUser, must } from '../support/ticket-factories.js';

/** 承办单位管理: admins create and edit units with their leader (单位负责人); every change audited, phones masked there. */
let t: TestApp;
let admin: string;
let lead: string;
let agent: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await hotlineUser(t.app, t.deps.database.db, 'admin')).cookie;
  lead = (await hotlineUser(t.app, t.deps.database.db, 'lead')).cookie;
  agent = (await hotlineUser(t.app, t.deps.database.db, 'agent')).cookie;
});
afterAll(async () => {
  await t.close();
});

const api = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: asUser(cookie), ...(payload ? { payload } : {}) });
const uniqueCode = () => `U${crypto.randomUUID().slice(0, 8)}`;

describe('承办单位管理', () => {
  it('creates a unit with its leader, lists it for admins and leads only, and audits with phones masked', async () => {
    const parent = await createDepartment(t.deps.database.db);
    const code = uniqueCode();
    const created = await api('POST', '/api/admin/departments', admin, {
      code,
      name: '  示范区城市管理局 ',
      kind: 'district',
      parentId: parent.id,
      liaisonPhone: '0571-88000001',
      leaderName: '王局长',
      leaderPhone: '13900002222',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json() as { id: string; name: string; parentName: string; leaderPhone: string };
    expect(unit).toMatchObject({ name: '示范区城市管理局', parentName: parent.name, leaderPhone: '13900002222' });

    const asLead = await api('GET', '/api/admin/departments', lead);
    expect(asLead.statusCode).toBe(200);
    expect((asLead.json() as { items: { code: string; leaderName: string }[] }).items).toContainEqual(
      expect.objectContaining({ code, leaderName: '王局长', openTickets: 0, activeMembers: 0 }),
    );
    // Other roles get the everyday list, without the leader's phone.
    expect((await api('GET', '/api/admin/departments', agent)).statusCode).toBe(403);
    const everyday = (await api('GET', `/api/departments/${unit.id}`, agent)).json() as Record<string, unknown>;
    expect(everyday.leaderPhone).toBeUndefined();
    expect(
      (await api('POST', '/api/admin/departments', lead, { code: uniqueCode(), name: 'x', kind: 'street' })).statusCode,
    ).toBe(403);

    const [audit] = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'department.create'), eq(auditLog.entityId, unit.id)));
    expect(JSON.stringify(audit!.detail)).toContain('139****2222');
    expect(JSON.stringify(audit!.detail)).not.toContain('13900002222');
  });

  it('edits the leader (the SMS recipient of 催办/通报) and records what changed', async () => {
    const unit = await createDepartment(t.deps.database.db);
    const saved = await api('PUT', `/api/admin/departments/${unit.id}`, admin, {
      leaderName: '李主任',
      leaderPhone: '13700001111',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const [row] = await t.deps.database.db.select().from(departments).where(eq(departments.id, unit.id));
    expect(row).toMatchObject({ leaderName: '李主任', leaderPhone: '13700001111' });
    const [audit] = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'department.update'), eq(auditLog.entityId, unit.id)));
    expect(audit!.detail).toMatchObject({
      changes: { leaderName: { from: null, to: '李主任' }, leaderPhone: { from: null, to: '137****1111' } },
    });
    // Nothing changed: no audit row.
    await api('PUT', `/api/admin/departments/${unit.id}`, admin, { leaderName: '李主任' });
    const rows = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'department.update'), eq(auditLog.entityId, unit.id)));
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input in Chinese: taken code, bad phone, leader phone without a name, loops in the tree', async () => {
    const a = await createDepartment(t.deps.database.db);
    const taken = await api('POST', '/api/admin/departments', admin, { code: a.code, name: '重复', kind: 'street' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('单位编码已存在');

    const badPhone = await api('PUT', `/api/admin/departments/${a.id}`, admin, { leaderPhone: '电话' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().problems[0].path).toBe('leaderPhone');

    const noName = await api('PUT', `/api/admin/departments/${a.id}`, admin, { leaderPhone: '13700001111' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().message).toContain('负责人姓名');

    const child = (
      await api('POST', '/api/admin/departments', admin, {
        code: uniqueCode(),
        name: '下级',
        kind: 'street',
        parentId: a.id,
      })
    ).json() as { id: string };
    const loop = await api('PUT', `/api/admin/departments/${a.id}`, admin, { parentId: child.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().message).toContain('下级单位');
    const self = await api('PUT', `/api/admin/departments/${a.id}`, admin, { parentId: a.id });
    expect(self.statusCode).toBe(400);

    const codeChange = await api('PUT', `/api/admin/departments/${a.id}`, admin, { code: 'NEW' });
    // The code is set once: an edit cannot change it (unknown fields are dropped at the edge).
    expect(codeChange.json().code).toBe(a.code);
    expect((await api('PUT', `/api/admin/departments/${crypto.randomUUID()}`, admin, { name: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('does not deactivate a unit that still holds a ticket or has active staff', async () => {
    const unit = await createUnit(t.app, t.deps.database.db);
    const ticket = await createTicket(t.app, agent);
    await must(act(t.app, agent, ticket.id, 'dispatch', { leadDepartmentId: unit.department.id }));

    const holding = await api('PUT', `/api/admin/departments/${unit.department.id}`, admin, { active: false });
    expect(holding.statusCode).toBe(409);
    expect(holding.json().message).toMatch(/仍有 1 件在办工单/);

    const empty = await createDepartment(t.deps.database.db);
    const off = await api('PUT', `/api/admin/departments/${empty.id}`, admin, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
  });
});
