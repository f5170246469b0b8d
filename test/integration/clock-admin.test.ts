import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DEFAULT_CLOCK_POLICY } from '@hotline/shared/domain/clock-policy';
import { formatShanghai } from '@hotline/shared/domain/shanghai-time';
import { asUser, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { beijing, recordingRealtime } from '../support/clock-fixtures.js';
import { createCalendarService } from '../../server/src/modules/calendar/calendar.service.js';
import { TEST_ORIGIN } from '../support/env.js';
import { createClockService } from '../../server/src/modules/clocks/clocks.service.js';
import { auditLog } from '../../server/src/modules/audit/audit.table.js';

let t: TestApp;
const cookies = new Map<string, string>();
const USERS = ['admin', 'lead01', 'agent01', 'handler_scjg', 'head_scjg', 'kb01'] as const;

/** Moves the fake clock and signs everyone in again (a jump of days would expire the idle sessions). */
async function setTime(at: Date) {
  t.clock.set(at);
  for (const user of USERS) cookies.set(user, await signIn(t.app, user));
}

beforeAll(async () => {
  t = await startTestApp();
  await setTime(beijing('2026-11-20 10:00:00'));
});

afterAll(async () => {
  await t?.close();
});

const as = (user: (typeof USERS)[number]) => asUser(cookies.get(user)!);

/** Default policy in the API's shape (note is optional, the rest as stored). */
const defaultPolicy = () => ({
  rules: DEFAULT_CLOCK_POLICY.map((r) => ({ ...r, duration: { ...r.duration } })),
  settings: {
    warningFraction: 0.75,
    warningWorkingDaysBefore: 1,
    chaseWorkingDaysAfterDue: 1,
    publicNoticeWorkingDaysAfterChase: 5,
    autoSignOnSignForDue: true,
  },
});

describe('permissions of the calendar and clock-policy administration', () => {
  const routes = [
    { method: 'GET' as const, url: '/api/admin/calendar?year=2026', readers: ['admin', 'lead01'] },
    { method: 'GET' as const, url: '/api/admin/calendar/coverage', readers: ['admin', 'lead01'] },
    { method: 'GET' as const, url: '/api/admin/clock-policy', readers: ['admin', 'lead01'] },
    {
      method: 'PUT' as const,
      url: '/api/admin/calendar?year=2031',
      readers: ['admin'],
      payload: { days: [{ date: '2031-01-01', isWorkingDay: false, name: '元旦' }] },
    },
    { method: 'PUT' as const, url: '/api/admin/clock-policy', readers: ['admin'], payload: defaultPolicy() },
  ];

  for (const route of routes) {
    it(`${route.method} ${route.url}: ${route.readers.join(', ')} only`, async () => {
      const anonymous = await t.app.inject({
        method: route.method,
        url: route.url,
        headers: { origin: TEST_ORIGIN },
        payload: route.payload,
      });
      expect(anonymous.statusCode).toBe(401);
      for (const user of USERS) {
        const response = await t.app.inject({
          method: route.method,
          url: route.url,
          headers: as(user),
          payload: route.payload,
        });
        expect({ user, status: response.statusCode }).toEqual({
          user,
          status: route.readers.includes(user) ? 200 : 403,
        });
      }
    });
  }

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/admin/calendar'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
    expect(Object.keys(doc.paths['/api/admin/clock-policy'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
    expect(doc.paths['/api/admin/calendar/coverage']).toBeDefined();
  });
});

describe('working calendar (工作日历)', () => {
  it('lists the 2026 exceptions seeded from chinese-days', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/calendar?year=2026', headers: as('lead01') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      covered: boolean;
      days: { date: string; isWorkingDay: boolean; source: string }[];
    };
    expect(body.covered).toBe(true);
    expect(body.days).toContainEqual(
      expect.objectContaining({ date: '2026-02-14', isWorkingDay: true, source: 'chinese-days' }),
    );
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2026-10-01', isWorkingDay: false }));
  });

  it('an administrator edit changes a computed due date, and is audited', async () => {
    const clocks = createClockService({ db: t.deps.database.db, clock: t.clock });
    const subject = { type: 'consultation' as const, urgency: 'normal' as const, categories: [] };
    const start = beijing('2030-03-04 10:00:00'); // a Monday
    const before = await clocks.previewDue(t.deps.database.db, subject, 'sign_for', start);
    expect(formatShanghai(before)).toBe('2030-03-05 23:59:59');

    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar?year=2030',
      headers: as('admin'),
      payload: { days: [{ date: '2030-03-05', isWorkingDay: false, name: '测试假日' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ year: 2030, covered: true, added: ['2030-03-05'], removed: [] });
    const after = await clocks.previewDue(t.deps.database.db, subject, 'sign_for', start);
    expect(formatShanghai(after)).toBe('2030-03-06 23:59:59');

    const audits = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.update'), eq(auditLog.entityId, '2030')));
    expect(audits.length).toBeGreaterThanOrEqual(1);
    expect(audits.at(-1)!.actorRole).toBe('admin');

    // Replacing the year: the holiday moves to 3-07, 3-05 is deleted, so a 1-day clock from 3-04 is due 3-05 again.
    const moved = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar?year=2030',
      headers: as('admin'),
      payload: { days: [{ date: '2030-03-07', isWorkingDay: false, name: '测试假日' }] },
    });
    expect(moved.json()).toMatchObject({ added: ['2030-03-07'], removed: ['2030-03-05'] });
    const again = await clocks.previewDue(t.deps.database.db, subject, 'sign_for', start);
    expect(formatShanghai(again)).toBe('2030-03-05 23:59:59');
  });

  it('refuses days that are no exception, dates outside the year and duplicates, in Chinese', async () => {
    const cases = [
      {
        days: [{ date: '2030-03-05', isWorkingDay: true }],
        message: '2030-03-05 是星期二，本就是工作日，无需设为调休上班日',
      },
      {
        days: [{ date: '2030-03-09', isWorkingDay: false }],
        message: '2030-03-09 是星期六，本就是休息日，无需设为节假日',
      },
      { days: [{ date: '2031-01-01', isWorkingDay: false }], message: '2031-01-01 不在2030年内' },
      {
        days: [{ date: '2030-02-30', isWorkingDay: false }],
        message: '「2030-02-30」不是有效日期，格式应为 YYYY-MM-DD',
      },
      {
        days: [
          { date: '2030-03-07', isWorkingDay: false },
          { date: '2030-03-07', isWorkingDay: false },
        ],
        message: '2030-03-07 重复出现',
      },
    ];
    for (const { days, message } of cases) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/calendar?year=2030',
        headers: as('admin'),
        payload: { days },
      });
      expect({ status: response.statusCode, message: response.json().message }).toEqual({ status: 400, message });
    }
    const empty = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar?year=2030',
      headers: as('admin'),
      payload: { days: [] },
    });
    expect(empty.statusCode).toBe(400);
    const badYear = await t.app.inject({ method: 'GET', url: '/api/admin/calendar?year=abc', headers: as('admin') });
    expect(badYear.statusCode).toBe(400);
    // Nothing of the refused requests was written.
    const year = (
      await t.app.inject({ method: 'GET', url: '/api/admin/calendar?year=2030', headers: as('admin') })
    ).json();
    expect(year.days.map((d: { date: string }) => d.date)).toEqual(['2030-03-07']);
  });

  it('warns from 1 December when next year has no data', async () => {
    await setTime(beijing('2026-11-30 12:00:00'));
    const november = await t.app.inject({ method: 'GET', url: '/api/admin/calendar/coverage', headers: as('admin') });
    expect(november.json()).toMatchObject({ missingYear: null, warning: null });
    expect(november.json().coveredYears).toContain(2026);

    await setTime(beijing('2026-12-01 08:00:00'));
    const december = await t.app.inject({ method: 'GET', url: '/api/admin/calendar/coverage', headers: as('admin') });
    expect(december.json()).toMatchObject({ missingYear: 2027 });
    expect(december.json().warning).toContain('尚未录入2027年的节假日安排');
    // The daily check pushes a notification to the administrators' room.
    const realtime = recordingRealtime(t.deps.realtime);
    await createCalendarService({ db: t.deps.database.db, clock: t.clock }).checkCoverageAndNotify(realtime);
    expect(realtime.emitted).toEqual([
      expect.objectContaining({
        room: 'role:admin',
        event: 'notification',
        payload: expect.objectContaining({ kind: 'calendar.coverage', title: '工作日历缺少2027年数据' }),
      }),
    ]);
    await setTime(beijing('2026-11-20 10:00:00'));
  });
});

describe('clock policy (时限规则)', () => {
  it('returns the default policy and saves an edited one, which new clocks then use', async () => {
    const current = await t.app.inject({ method: 'GET', url: '/api/admin/clock-policy', headers: as('admin') });
    expect(current.statusCode).toBe(200);
    expect(current.json().rules).toHaveLength(DEFAULT_CLOCK_POLICY.length);

    const edited = defaultPolicy();
    const consultation = edited.rules.find((r) => r.kind === 'handling' && r.type === 'consultation')!;
    consultation.duration.amount = 4;
    edited.settings.warningFraction = 0.5;
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers: as('admin'),
      payload: edited,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings.warningFraction).toBe(0.5);

    const clocks = createClockService({ db: t.deps.database.db, clock: t.clock });
    const subject = { type: 'consultation' as const, urgency: 'normal' as const, categories: [] };
    const due = await clocks.previewDue(t.deps.database.db, subject, 'handling', beijing('2026-09-30 15:00:00'));
    expect(formatShanghai(due)).toBe('2026-10-12 23:59:59'); // 10-08, 10-09, 10-10 (调休 Saturday), 10-12

    const audits = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.action, 'clock_policy.update'));
    expect(audits.length).toBeGreaterThanOrEqual(1);
    // The audit's "before" is the table as it was, the "after" the saved edit.
    expect(audits.map((a) => a.detail)).toContainEqual(
      expect.objectContaining({
        rulesBefore: DEFAULT_CLOCK_POLICY.length,
        settingsBefore: expect.objectContaining({ warningFraction: defaultPolicy().settings.warningFraction }),
        settingsAfter: expect.objectContaining({ warningFraction: 0.5 }),
      }),
    );

    // Restore the defaults for the other tests of the run.
    const restored = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers: as('admin'),
      payload: defaultPolicy(),
    });
    expect(restored.statusCode).toBe(200);
  });

  it('refuses a policy without a fallback rule or with a bad warning fraction, in Chinese, writing nothing', async () => {
    const noFallback = defaultPolicy();
    noFallback.rules = noFallback.rules.filter((r) => !(r.kind === 'callback'));
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers: as('admin'),
      payload: noFallback,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('缺少“回访时限”的默认规则');

    const badFraction = defaultPolicy();
    badFraction.settings.warningFraction = 1.5;
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers: as('admin'),
      payload: badFraction,
    });
    expect(bad.statusCode).toBe(400);

    const fractional = defaultPolicy();
    fractional.rules.find((r) => r.kind === 'handling' && r.type === 'help')!.duration.amount = 2.5;
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/clock-policy',
      headers: as('admin'),
      payload: fractional,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('工作日时限必须是整数');

    const current = await t.app.inject({ method: 'GET', url: '/api/admin/clock-policy', headers: as('admin') });
    expect(current.json().rules).toHaveLength(DEFAULT_CLOCK_POLICY.length);
  });
});
