import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import { visibleRawKeys, watchConsoleErrors } from '../support/screen-checks.js';
import { act, createTicket, must } from '../support/ticket-factories.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';

/**
 * Issue 11: each role's pages, walked in Chromium — no internal key (enum value, audit code, UUID) in the visible
 * text and no error in the browser console. A screenshot of every page lands in test/output/.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let ticketId = '';
let ticketNumber = '';
let majorNumber = '';
let scjgId = '';

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
  // One ticket that has been through intake, dispatch, sign-for, progress and a reply: its timeline has every kind.
  const agent = await signIn(t.app, 'agent01');
  const handler = await signIn(t.app, 'handler_scjg');
  const departments = await t.app.inject({ method: 'GET', url: '/api/departments', headers: asUser(agent) });
  const scjg = (departments.json().items as { id: string; code: string }[]).find((d) => d.code === 'SCJG')!;
  const ticket = await createTicket(t.app, agent, { title: '超市出售过期食品（角色巡检）' });
  ticketId = ticket.id;
  scjgId = scjg.id;
  ticketNumber = ticket.number;
  await must(act(t.app, agent, ticketId, 'dispatch', { leadDepartmentId: scjg.id }));
  await must(act(t.app, handler, ticketId, 'sign'));
  await must(act(t.app, handler, ticketId, 'progress', { note: '已安排执法人员现场检查' }));
  await must(act(t.app, handler, ticketId, 'reply', { content: '经现场检查，已责令下架并立案调查' }));
  // A 重件 replied by the same unit: its reply waits for the unit head's 签发.
  const major = await createTicket(t.app, agent, { title: '农贸市场大面积食物中毒（重件）', categories: ['major'] });
  majorNumber = major.number;
  await must(act(t.app, agent, major.id, 'dispatch', { leadDepartmentId: scjg.id }));
  await must(act(t.app, handler, major.id, 'sign'));
  await must(act(t.app, handler, major.id, 'reply', { content: '已封存问题食品并送检' }));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** How many tickets `username`'s list holds for a query string (what a tab's count must show). */
async function countFor(username: string, query: string): Promise<number> {
  const cookie = await signIn(t.app, username);
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/tickets?limit=200&${query}`,
    headers: asUser(cookie),
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: unknown[] }).items.length;
}

/** The tickets `username`'s list holds for a query string. */
async function ticketsFor(username: string, query: string) {
  const cookie = await signIn(t.app, username);
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/tickets?limit=200&${query}`,
    headers: asUser(cookie),
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { leadDepartment: { id: string } | null }[] }).items;
}

/** Visits each page as `username` (or signed out), and reports every raw key and console error found. */
async function walk(
  role: string,
  username: string | null,
  pages: { name: string; url: string; ready: string; allowKeys?: string[] }[],
) {
  const page = await newTestPage(browser, `journey-${role}`);
  // A failed request the page handles itself still prints "Failed to load resource"; those are listed by URL.
  const errors = watchConsoleErrors(page);
  if (username) await signInThroughConsole(page, baseUrl, username);
  const findings: string[] = [];
  for (const step of pages) {
    await page.goto(`${baseUrl}${step.url.replace(':ticket', ticketId)}`);
    await page.getByTestId(step.ready).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(OUTPUT_DIR, `journey-${role}-${step.name}.png`), fullPage: true });
    const keys = (await visibleRawKeys(page)).filter((key) => !step.allowKeys?.includes(key));
    if (keys.length > 0) findings.push(`${step.url}: raw keys on screen: ${keys.join(', ')}`);
  }
  findings.push(...errors.map((error) => `console error: ${error}`));
  await page.close();
  return findings;
}

describe('issue 11: every role’s pages show no raw keys and log no console errors (Chromium)', () => {
  it('agent: desk, ticket list and ticket detail', async () => {
    const findings = await walk('agent', 'agent01', [
      { name: 'desk', url: '/desk', ready: 'ticket-intake-form' },
      { name: 'tickets', url: '/tickets', ready: `ticket-link-${ticketNumber}` },
      { name: 'detail', url: '/tickets/:ticket', ready: 'ticket-timeline' },
    ]);
    expect(findings).toEqual([]);
  });

  it('lead: work queues and ticket detail', async () => {
    const findings = await walk('lead', 'lead01', [
      { name: 'queues', url: '/tickets/queues', ready: 'ticket-queues' },
      { name: 'detail', url: '/tickets/:ticket', ready: 'ticket-timeline' },
    ]);
    expect(findings).toEqual([]);
  });

  it('handler: inbox and ticket detail', async () => {
    const findings = await walk('handler', 'handler_scjg', [
      { name: 'inbox', url: '/department', ready: 'department-inbox' },
      { name: 'detail', url: '/tickets/:ticket', ready: 'ticket-timeline' },
    ]);
    expect(findings).toEqual([]);
  });

  it('department head: inbox', async () => {
    const findings = await walk('head', 'head_scjg', [
      { name: 'inbox', url: '/department', ready: 'department-inbox' },
    ]);
    expect(findings).toEqual([]);
  });

  it('admin: audit log, calendar, clock policy, catalogue, users', async () => {
    const findings = await walk('admin', 'admin', [
      // 110/119/120/122 are the public emergency numbers, shown as numbers (a call brought back from one, 转回).
      { name: 'audit', url: '/admin/audit', ready: 'admin-audit', allowKeys: ['110', '119', '120', '122'] },
      { name: 'calendar', url: '/admin', ready: 'admin-calendar' },
      { name: 'clock-policy', url: '/admin/clock-policy', ready: 'admin-clock-policy' },
      { name: 'catalogue', url: '/admin/dispatch-catalogue', ready: 'admin-catalogue' },
      // The built-in account's username is `admin`: data, not a key.
      { name: 'users', url: '/admin/users', ready: 'admin-users', allowKeys: ['admin'] },
    ]);
    expect(findings).toEqual([]);
  });

  it('admin: the calendar shades plain weekends', async () => {
    const page = await newTestPage(browser, 'journey-calendar-weekends');
    await signInThroughConsole(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin`);
    await page.getByTestId('calendar-view-month').click();
    await page.getByTestId('calendar-month-3').click();
    // March 2026: Sunday the 1st and Saturday the 7th are plain weekends; Monday the 2nd is not.
    const cell = (day: string) => page.getByTestId(`calendar-cell-2026-03-${day}`);
    await cell('07').waitFor();
    expect(await cell('01').getAttribute('class')).toContain('calendar-month__cell--weekend');
    expect(await cell('07').getAttribute('class')).toContain('calendar-month__cell--weekend');
    expect(await cell('02').getAttribute('class')).not.toContain('calendar-month__cell--weekend');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-admin-calendar-weekends.png'), fullPage: true });
    await page.close();
  });

  it('KB editor: knowledge home', async () => {
    const findings = await walk('kb-editor', 'kb01', [{ name: 'home', url: '/knowledge', ready: 'knowledge-home' }]);
    expect(findings).toEqual([]);
  });

  it('citizen: the public enquiry page asks for no session (no 401 from /api/auth/me)', async () => {
    const findings = await walk('public', null, [{ name: 'enquiry', url: '/enquiry', ready: 'enquiry-form' }]);
    expect(findings).toEqual([]);
  });

  it('issue 11 head: a 待签发 tab with its count; a ticket page with no action says why', async () => {
    const page = await newTestPage(browser, 'journey-head-sign-off');
    const errors = watchConsoleErrors(page);
    await signInThroughConsole(page, baseUrl, 'head_scjg');
    await page.goto(`${baseUrl}/department`);
    // The head starts on 待签发: the 重件 reply waits for the head, the ordinary one does not (the seed has more).
    const awaitingHead = await countFor('head_scjg', 'queue=head_sign_off');
    expect(awaitingHead).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('#tab-head-sign-off').innerText()).toBe(`待签发（${awaitingHead}）`);
    await page.getByTestId(`inbox-open-${majorNumber}`).waitFor();
    expect(await page.getByTestId(`inbox-open-${ticketNumber}`).count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-head-sign-off.png'), fullPage: true });
    await page.goto(`${baseUrl}/tickets/${ticketId}`);
    const reason = page.getByTestId('ticket-no-action-reason');
    await reason.waitFor();
    expect((await reason.innerText()).trim()).toBe('该反馈不是重件，无需负责人签发，由热线班长直接审核。');
    expect(await page.getByText('当前无可执行的操作').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-head-no-action-reason.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('issue 11 handler: counts on every tab, a 已反馈 tab keeps replied tickets, the search box narrows them', async () => {
    const page = await newTestPage(browser, 'journey-handler-tabs');
    const errors = watchConsoleErrors(page);
    await signInThroughConsole(page, baseUrl, 'handler_scjg');
    await page.goto(`${baseUrl}/department`);
    const replied = await countFor('handler_scjg', 'status=replied');
    expect(replied).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('#tab-replied').innerText()).toBe(`已反馈（${replied}）`);
    expect(await page.locator('#tab-head-sign-off').count()).toBe(0);
    const awaitingSign = await countFor('handler_scjg', 'status=awaiting_sign');
    expect(await page.locator('#tab-awaiting-sign').innerText()).toBe(`待签收（${awaitingSign}）`);
    await page.locator('#tab-replied').click();
    await page.getByTestId(`inbox-open-${ticketNumber}`).waitFor();
    await page.getByTestId(`inbox-open-${majorNumber}`).waitFor();
    await page
      .locator('input[data-testid="department-inbox-search"], [data-testid="department-inbox-search"] input')
      .fill('食物中毒');
    await expect.poll(() => page.locator('#tab-replied').innerText()).toBe('已反馈（1）');
    await expect.poll(() => page.getByTestId(`inbox-open-${ticketNumber}`).count()).toBe(0);
    await page.getByTestId(`inbox-open-${majorNumber}`).waitFor();
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-handler-tabs.png'), fullPage: true });
    // The replied ticket's page says what the unit waits for.
    await page.goto(`${baseUrl}/tickets/${ticketId}`);
    const reason = page.getByTestId('ticket-no-action-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('等待热线班长审核');
    expect(await visibleRawKeys(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('issue 11 handler: the 申请延期 dialog is bounded by what the ticket may still be given', async () => {
    const agent = await signIn(t.app, 'agent01');
    const handler = await signIn(t.app, 'handler_scjg');
    const lead = await signIn(t.app, 'lead01');
    const ticket = await createTicket(t.app, agent, { title: '小区噪音扰民（延期额度）' });
    await must(act(t.app, agent, ticket.id, 'dispatch', { leadDepartmentId: scjgId }));
    await must(act(t.app, handler, ticket.id, 'sign'));
    const basis = '《示范市12345热线工单办理规定》第十五条';
    await must(act(t.app, handler, ticket.id, 'extension', { days: 4, reason: '需现场核查', legalBasis: basis }));
    await must(act(t.app, lead, ticket.id, 'extension-review', { approve: true }));
    const page = await newTestPage(browser, 'journey-handler-extension');
    const errors = watchConsoleErrors(page);
    await signInThroughConsole(page, baseUrl, 'handler_scjg');
    // From the ticket page.
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('action-extension').click();
    const said = page.getByTestId('extension-allowance');
    await said.waitFor();
    expect(await said.innerText()).toContain('已延期 4 个，本次最多可申请 16 个工作日');
    const days = page.locator('[data-testid="action-days"] input');
    await days.fill('19');
    await days.blur();
    await expect.poll(() => days.inputValue()).toBe('16');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-handler-extension.png'), fullPage: true });
    await page.getByTestId('dialog-cancel').click();
    // From the unit's inbox, where the dialog reads the ticket itself.
    await page.goto(`${baseUrl}/department`);
    await page.locator('#tab-in-progress').click();
    await page.getByTestId(`inbox-extension-${ticket.number}`).click();
    await expect.poll(() => page.getByTestId('extension-allowance').innerText()).toContain('最多可申请 16 个工作日');
    expect(await visibleRawKeys(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('issue 11 agent: ? lists the desk shortcuts; Alt+K searches the KB; Ctrl+Enter submits the intake', async () => {
    const page = await newTestPage(browser, 'journey-agent-shortcuts');
    const errors = watchConsoleErrors(page);
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/desk`);
    await page.getByTestId('ticket-intake-form').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+Slash');
    const help = page.getByTestId('desk-shortcut-submit');
    await help.waitFor();
    expect(await help.innerText()).toContain('Ctrl+Enter');
    expect(await help.innerText()).toContain('提交工单');
    expect(await page.getByTestId('desk-shortcut-answer').innerText()).toContain('接听来电');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-agent-shortcuts.png') });
    expect(await visibleRawKeys(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.keyboard.press('Alt+KeyK');
    // The KB search field (or its Element Plus wrapper) is marked data-shortcut="search"; the focus must be in it.
    const focusInSearch = `document.activeElement?.closest('[data-shortcut="search"]') != null`;
    await expect.poll(() => page.evaluate(focusInSearch)).toBe(true);
    // Ctrl+Enter on the empty form runs the same checks as the button: the required fields complain.
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('ticket-intake-form').locator('.el-form-item__error').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('issue 11 agent: the 无匹配事项 mark stays at hand in the KB panel when results are shown', async () => {
    const page = await newTestPage(browser, 'journey-agent-no-match');
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/desk`);
    await page.getByTestId('ticket-intake-form').waitFor();
    // No ticket on the desk: the mark has nothing to attach to.
    expect(await page.getByTestId('kb-no-matching-matter').count()).toBe(0);
    await page.getByTestId('intake-caller-name').fill('王先生');
    await page.getByTestId('intake-caller-phone').fill('13900005678');
    await page.getByTestId('intake-address').fill('示范市西湖区文三路 100 号');
    await page.getByTestId('intake-content').fill('市民求助查询附近的应急避难场所（快捷标记测试）');
    await page.getByTestId('intake-type-help').click();
    await page.getByTestId('intake-decision-answered').click();
    await page.getByTestId('intake-answer').fill('已告知最近的应急避难场所位置');
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('answered-close-card').waitFor({ timeout: 10_000 });
    const cookie = await signIn(t.app, 'agent01');
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/knowledge/search?q=${encodeURIComponent('身份证')}`,
      headers: asUser(cookie),
    });
    const found = search.json() as { items: unknown[]; bundles: unknown[] };
    expect(found.items.length + found.bundles.length, 'the seeded KB answers 身份证').toBeGreaterThan(0);
    await page.locator('input[data-testid="kb-search-input"], [data-testid="kb-search-input"] input').fill('身份证');
    await page.locator('[data-testid="kb-matter-result"], [data-testid="kb-bundle-result"]').first().waitFor();
    const mark = page.getByTestId('kb-no-matching-matter');
    await mark.waitFor();
    expect(await mark.isEnabled()).toBe(true);
    expect(await page.getByTestId('kb-no-matching-matter-bar').innerText()).toContain('无匹配事项');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-agent-no-match.png') });
    expect(await visibleRawKeys(page)).toEqual([]);
    await page.close();
  });

  it('issue 11 lead: the wallboard counts overdue and due-soon tickets by unit', async () => {
    const overdue = await ticketsFor('lead01', 'overdue=true');
    const dueSoon = await ticketsFor('lead01', 'dueSoon=true');
    const ofScjg = (items: { leadDepartment: { id: string } | null }[]) =>
      items.filter((item) => item.leadDepartment?.id === scjgId).length;
    expect(ofScjg(overdue) + ofScjg(dueSoon), 'the seed has a late SCJG ticket').toBeGreaterThan(0);
    const page = await newTestPage(browser, 'journey-wallboard-units');
    const errors = watchConsoleErrors(page);
    await signInThroughConsole(page, baseUrl, 'lead01');
    await page.goto(`${baseUrl}/wallboard`);
    await page.getByTestId(`wallboard-unit-${scjgId}`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`wallboard-unit-${scjgId}`).innerText()).toBe('市市场监督管理局');
    expect(await page.getByTestId(`wallboard-unit-overdue-${scjgId}`).innerText()).toBe(String(ofScjg(overdue)));
    expect(await page.getByTestId(`wallboard-unit-due-soon-${scjgId}`).innerText()).toBe(String(ofScjg(dueSoon)));
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'journey-wallboard-units.png'), fullPage: true });
    expect(await visibleRawKeys(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
