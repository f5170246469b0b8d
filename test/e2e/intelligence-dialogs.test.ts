import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  createDispatchModelService,
  loadHistoryExamples,
} from '../../server/src/modules/intelligence/dispatch-model.service.js';
import { eq } from 'drizzle-orm';
import {
  dispatchSuggestionChoices,
  intelligenceSettings,
} from '../../server/src/modules/intelligence/intelligence.table.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';
import { createTicket } from '../support/ticket-factories.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let admin: Record<string, string>;
const unitIds: Record<string, string> = {};

/** A small dispatched history for three demo units, imported through the API, and a model trained on it. */
beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
  admin = asUser(await signIn(t.app, 'admin'));
  const departments = (await t.app.inject({ method: 'GET', url: '/api/departments', headers: admin })).json() as {
    items: { id: string; code: string }[];
  };
  for (const code of ['SCJG', 'SWJT', 'GD']) unitIds[code] = departments.items.find((d) => d.code === code)!.id;
  const texts: Record<string, string[]> = {
    SCJG: ['超市卖过期食品', '买到的牛奶过了保质期', '饭店菜里吃出异物'],
    SWJT: ['家里突然停水', '自来水管爆裂', '水压太低楼上没水'],
    GD: ['小区大面积停电', '电线被风刮断', '电表箱冒火花'],
  };
  const lines = ['received_at,type,urgency,address,content,unit'];
  let hour = 0;
  for (let round = 0; round < 30; round++) {
    for (const code of Object.keys(texts)) {
      const when = new Date(Date.UTC(2025, 0, 1) + hour++ * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      lines.push(
        `${when},投诉,一般,西湖区文三路${round + 1}号,市民反映${texts[code]![round % 3]}，第${round + 1}次,${code}`,
      );
    }
  }
  const imported = await t.app.inject({
    method: 'POST',
    url: '/api/admin/history/import',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: lines.join('\n'),
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const db = t.deps.database.db;
  const own = new Set(Object.values(unitIds));
  const trainer = createDispatchModelService({
    db,
    clock: t.clock,
    loadHistory: async () => (await loadHistoryExamples(db)).filter((e) => own.has(e.departmentId)),
  });
  expect((await trainer.train()).state).toBe('ready');
});

afterAll(async () => {
  await t?.deps.database.db.delete(intelligenceSettings);
  await browser?.close();
  await t?.close();
});

describe('智能派单 and 并单 in the ticket dialogs (Chromium)', () => {
  it('shows ranked units with confidence in the dispatch dialog; one click fills the unit; the choice is recorded', async () => {
    const agentCookie = await signIn(t.app, 'agent01');
    const ticket = await createTicket(t.app, agentCookie, {
      content: '楼下超市卖过期食品，牛奶过了保质期还在卖',
      address: '西湖区文三路8号',
    });
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/intelligence/suggestion-acceptance', headers: admin })
    ).json();

    const page = await newTestPage(browser, 'intel-dispatch');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('action-dispatch').click();
    const first = page.getByTestId('dispatch-suggestion').first();
    await first.waitFor({ timeout: 10_000 });
    const text = (await first.textContent()) ?? '';
    expect(text).toContain('市市场监督管理局');
    expect(text).toMatch(/第 1 名/);
    expect(text).toMatch(/置信度 \d+%/);
    expect(text).not.toMatch(/SCJG|[0-9a-f]{8}-[0-9a-f]{4}/); // no internal code or id on screen
    expect(await page.getByTestId('dispatch-direct').count()).toBe(0); // 直派 is off by default
    await first.getByTestId('dispatch-suggestion-take').click();
    expect(await page.getByTestId('action-lead-department').textContent()).toContain('市市场监督管理局');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'intel-dispatch-dialog.png'), fullPage: true });
    await page.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => page.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('待签收');
    await expect
      .poll(
        async () =>
          (await t.app.inject({ method: 'GET', url: '/api/intelligence/suggestion-acceptance', headers: admin })).json()
            .byRank[0],
        { timeout: 10_000 },
      )
      .toBe(before.byRank[0] + 1);
    await page.close();
  });

  it("records the intake form's choice against the suggestions it showed, with the dispatch at intake", async () => {
    const page = await newTestPage(browser, 'intel-intake');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('ticket-intake-form').waitFor();
    await page.getByTestId('intake-caller-name').fill('王女士');
    await page.getByTestId('intake-caller-phone').fill('13912340015');
    await page.getByTestId('intake-address').fill('西湖区文三路15号');
    await page.getByTestId('intake-content').fill('家里突然停水，自来水管爆裂，水压太低楼上没水');
    await page.getByTestId('intake-type-complaint').click();
    const suggested = page.getByTestId('intel-suggestion');
    await expect.poll(() => suggested.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await suggested.first().textContent()).not.toMatch(/SWJT|[0-9a-f]{8}-[0-9a-f]{4}/);
    // The agent takes the 2nd suggestion instead of the first.
    await suggested.nth(1).getByTestId('intel-suggestion-take').click();
    await page.getByTestId('intake-submit').click();
    const created = page.getByTestId('intake-created');
    await created.waitFor({ timeout: 15_000 });
    const number = ((await created.textContent()) ?? '').match(/工单\s*(\S+)\s*已创建/)?.[1] ?? '';
    expect(number).not.toBe('');
    const db = t.deps.database.db;
    const [choice] = await db
      .select({
        tookTop1: dispatchSuggestionChoices.tookTop1,
        tookAny: dispatchSuggestionChoices.tookAny,
        suggested: dispatchSuggestionChoices.suggestedDepartmentIds,
        chosen: dispatchSuggestionChoices.chosenDepartmentId,
        lead: tickets.leadDepartmentId,
      })
      .from(dispatchSuggestionChoices)
      .innerJoin(tickets, eq(tickets.id, dispatchSuggestionChoices.ticketId))
      .where(eq(tickets.number, number));
    expect(choice).toBeDefined();
    expect(choice!.tookTop1).toBe(false);
    expect(choice!.tookAny).toBe(true);
    expect(choice!.chosen).toBe(choice!.suggested[1]);
    expect(choice!.lead).toBe(choice!.chosen);
    await page.close();
  });

  it('offers one-click 直派 when the admin allows it, and dispatches', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/intelligence/settings',
      headers: admin,
      payload: { directDispatch: { enabled: true, threshold: 0.5, departmentIds: [unitIds.GD] } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const ticket = await createTicket(t.app, await signIn(t.app, 'agent01'), {
      content: '小区大面积停电，电表箱冒火花',
      address: '西湖区文三路9号',
    });
    const page = await newTestPage(browser, 'intel-direct');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('action-dispatch').click();
    const direct = page.getByTestId('dispatch-direct');
    await direct.waitFor({ timeout: 10_000 });
    expect(await direct.textContent()).toContain('一键直派');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'intel-direct-dispatch.png'), fullPage: true });
    await direct.click();
    await expect.poll(() => page.locator('.el-message').first().textContent(), { timeout: 10_000 }).toContain('已直派');
    await expect
      .poll(() => page.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('待签收');
    await page.close();
  });

  it('lists likely duplicates in the merge dialog; one click picks the parent, shown by its number', async () => {
    const cookie = await signIn(t.app, 'agent01');
    const marker = `燃气泄漏${Date.now() % 100000}`;
    const parent = await createTicket(t.app, cookie, {
      content: `${marker}，锦绣小区3栋楼道里闻到很浓的燃气味`,
      address: '西湖区文三路锦绣小区3栋',
    });
    const child = await createTicket(t.app, cookie, {
      content: `${marker}，锦绣小区三栋楼道燃气味很重`,
      address: '文三路锦绣小区三栋',
    });
    const page = await newTestPage(browser, 'intel-merge');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/${child.id}`);
    await page.getByTestId('action-merge').click();
    const candidate = page.getByTestId('merge-candidate').filter({ hasText: parent.number });
    await candidate.waitFor({ timeout: 10_000 });
    expect(await candidate.textContent()).toMatch(/相似度 \d+%/);
    await candidate.getByTestId('merge-candidate-pick').click();
    expect(await page.getByTestId('action-parent-ticket').textContent()).toContain(parent.number);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'intel-merge-dialog.png'), fullPage: true });
    await page.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => page.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('并单');
    await page.close();
  });
});
