import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OUTPUT_DIR, newTestPage, pickOption, signInThroughConsole, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

let pagesOpened = 0;
const newPage = () => newTestPage(browser, `tickets-${++pagesOpened}`);

const CALLER_PHONE = '13912345678';
const CONTENT = '文三路某超市出售过期酸奶，要求查处（浏览器测试）';

describe('tickets in the console (Chromium)', () => {
  let ticketNumber = '';
  let handlerPage: Page;

  it('lets an agent take a complaint on the desk and dispatch it to 市市场监督管理局', async () => {
    // The handler's inbox is open before the ticket exists: it must appear there live (ticket:changed).
    handlerPage = await newPage();
    await signInThroughConsole(handlerPage, baseUrl, 'handler_scjg');
    await handlerPage.getByTestId('department-inbox').waitFor();
    await expect
      .poll(() => handlerPage.getByTestId('connection-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');

    const page = await newPage();
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('ticket-intake-form').waitFor();

    // Chinese validation before anything is sent.
    await page.getByTestId('intake-submit').click();
    await expect.poll(() => page.getByTestId('ticket-intake-form').textContent()).toContain('请输入来电人姓名');

    await page.getByTestId('intake-caller-name').fill('张先生');
    await page.getByTestId('intake-caller-phone').fill(CALLER_PHONE);
    await page.getByTestId('intake-address').fill('示范市西湖区文三路100号');
    await page.getByTestId('intake-content').fill(CONTENT);
    await page.getByTestId('intake-type-complaint').click();
    await pickOption(page, 'intake-lead-department', '市市场监督管理局');

    // 举报 forces the confidential switch on, with the hint; switching back to 投诉 leaves it as the agent sets it.
    const confidentialSwitch = page.getByTestId('intake-confidential');
    await page.getByTestId('intake-type-report').click();
    expect(await page.getByTestId('intake-confidential-hint').textContent()).toContain('举报件一律按保密工单处理');
    expect(await confidentialSwitch.getAttribute('class')).toContain('is-checked');
    await page.getByTestId('intake-type-complaint').click();
    expect(await confidentialSwitch.getAttribute('class')).not.toContain('is-checked');

    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-intake-form.png'), fullPage: true });
    // A double click must still make one ticket (one Idempotency-Key per submission, and the button is guarded).
    await page.getByTestId('intake-submit').dblclick();
    const created = page.getByTestId('intake-created');
    await created.waitFor({ timeout: 15_000 });
    ticketNumber = ((await created.textContent()) ?? '').match(/工单\s*(\S+)\s*已创建/)?.[1] ?? '';
    expect(ticketNumber).not.toBe('');
    await expect.poll(() => page.locator('.el-message').first().textContent()).toContain('市市场监督管理局');

    // The ticket list shows it once, awaiting sign-for, with a live deadline countdown.
    await page.goto(`${baseUrl}/tickets`);
    await page.getByTestId(`ticket-link-${ticketNumber}`).waitFor();
    expect(await page.getByTestId(`ticket-status-${ticketNumber}`).textContent()).toContain('待签收');
    const rows = await page.locator('[data-testid^="ticket-link-"]', { hasText: ticketNumber }).count();
    expect(rows).toBe(1);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-list.png'), fullPage: true });
    await page.close();
  });

  it('lets the market-supervision handler find it under 待签收 and sign for it', async () => {
    expect(ticketNumber).not.toBe('');
    const page = handlerPage;
    // No reload: the row arrived through the socket.
    await page.getByTestId(`ticket-link-${ticketNumber}`).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'department-inbox-awaiting-sign.png'), fullPage: true });

    await page.getByTestId(`inbox-sign-${ticketNumber}`).click();
    await expect.poll(() => page.locator('.el-message').first().textContent()).toContain('已签收');
    await expect.poll(() => page.getByTestId(`ticket-link-${ticketNumber}`).count(), { timeout: 10_000 }).toBe(0);

    // The tab's label carries its count (办理中 (1)).
    await page.getByRole('tab', { name: /^办理中/ }).click();
    await page.getByTestId(`ticket-link-${ticketNumber}`).waitFor({ timeout: 10_000 });
    await page.getByTestId(`ticket-link-${ticketNumber}`).click();

    // The detail page: signed, with the handling clock running and the unit's next actions from allowedActions.
    await page.getByTestId('ticket-detail-header').waitFor();
    expect(await page.getByTestId('ticket-detail-status').textContent()).toContain('办理中');
    expect(await page.getByTestId('ticket-detail-content').textContent()).toContain(CONTENT);
    await page.getByTestId('action-reply').waitFor();
    expect(await page.getByTestId('action-sign').count()).toBe(0);
    // A department user never sees the full number; the console shows what the server sent.
    expect(await page.content()).not.toContain(CALLER_PHONE);
    expect(await page.getByTestId('ticket-detail-caller').textContent()).toContain('139****5678');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-detail-handler.png'), fullPage: true });

    // Record progress through its dialog; the timeline grows.
    await page.getByTestId('action-progress').click();
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => page.getByTestId('action-error').textContent()).toContain('请填写办理进度');
    await page.getByTestId('action-note').fill('已联系超市负责人，安排执法人员现场检查');
    await page.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => page.getByTestId('ticket-timeline').textContent(), { timeout: 10_000 })
      .toContain('已联系超市负责人');
    await page.close();
  });

  it('takes a citizen enquiry on the public page and shows its progress by number and query code', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/enquiry`);
    await page.getByTestId('enquiry-form').waitFor();
    await page.getByTestId('enquiry-name').fill('李女士');
    await page.getByTestId('enquiry-phone').fill('13700001111');
    await page.getByTestId('enquiry-content').fill('小区路灯坏了一个月，晚上出行不便');
    await page.getByTestId('enquiry-submit').click();
    await page.getByTestId('enquiry-result').waitFor({ timeout: 15_000 });
    const number = (await page.getByTestId('enquiry-result-number').textContent())?.trim() ?? '';
    expect(number).not.toBe('');
    expect((await page.getByTestId('enquiry-result-code').textContent())?.trim()).not.toBe('');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'public-enquiry-submitted.png'), fullPage: true });

    await page.getByText('查询进度', { exact: true }).click();
    await page.getByTestId('enquiry-query-submit').click();
    await page.getByTestId('enquiry-status').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('enquiry-status').textContent()).toContain(number);
    expect(await page.content()).not.toContain('13700001111');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'public-enquiry-status.png'), fullPage: true });
    await page.close();
  });
});

describe('return and review in the console (Chromium)', () => {
  it('lets a unit return a ticket with its legal basis, and a lead approve the return and re-dispatch it', async () => {
    // The ticket is taken and dispatched through the API: this test is about the dialogs and the lead's queue.
    const agent = asUser(await signIn(t.app, 'agent01'));
    const departments = (await t.app.inject({ method: 'GET', url: '/api/departments', headers: agent })).json() as {
      items: { id: string; code: string }[];
    };
    const scjg = departments.items.find((d) => d.code === 'SCJG')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { ...agent, 'idempotency-key': `e2e-return-${Date.now()}` },
      payload: {
        channel: 'phone',
        type: 'complaint',
        urgency: 'normal',
        caller: { name: '王先生', phone: '13600002222' },
        address: '示范市上城区解放路8号',
        content: '小区门口违章搭建，影响通行（退单测试）',
      },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json() as { id: string; number: string };
    const dispatched = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/dispatch`,
      headers: agent,
      payload: { leadDepartmentId: scjg.id },
    });
    expect(dispatched.statusCode).toBe(200);

    const handler = await newPage();
    await signInThroughConsole(handler, baseUrl, 'handler_scjg');
    await handler.getByTestId(`inbox-return-${ticket.number}`).click();
    await handler.getByTestId('dialog-confirm').click();
    await expect.poll(() => handler.getByTestId('action-error').textContent()).toContain('请选择退单理由');
    await handler.getByTestId('action-return-reason-overlapping_duties').click();
    await handler.getByTestId('action-basis').fill('违章建筑查处属城市管理部门职责（《示范市城市管理条例》第十二条）');
    await handler.screenshot({ path: path.join(OUTPUT_DIR, 'department-return-dialog.png'), fullPage: true });
    await handler.getByTestId('dialog-confirm').click();
    await expect.poll(() => handler.getByTestId(`inbox-return-${ticket.number}`).count(), { timeout: 10_000 }).toBe(0);
    await handler.close();

    const lead = await newPage();
    await signInThroughConsole(lead, baseUrl, 'lead01');
    await lead.goto(`${baseUrl}/tickets/queues?queue=return_review`);
    await lead.getByTestId(`ticket-link-${ticket.number}`).click();
    await lead.getByTestId('ticket-detail-header').waitFor();
    expect(await lead.getByTestId('ticket-rounds').textContent()).toContain('职能交叉');
    await lead.getByTestId('action-return-review').click();
    await lead.getByTestId('action-approve-yes').click();
    await lead.getByTestId('action-comment').fill('同意退单，改派城管');
    await lead.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => lead.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .not.toContain('退单审核');

    // After an approved return the ticket goes back to dispatch: the lead re-dispatches from the same page.
    await lead.getByTestId('action-dispatch').click();
    await pickOption(lead, 'action-lead-department', '市综合行政执法局（城管）');
    await lead.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => lead.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('待签收');
    expect(await lead.getByTestId('ticket-rounds').textContent()).toContain('市综合行政执法局（城管）');
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-detail-lead-redispatched.png'), fullPage: true });
    await lead.close();
  });
});

describe('reply, review and callback in the console (Chromium)', () => {
  it('takes a signed ticket through the unit reply, the lead review and the agent callback to 办结', async () => {
    const agent = asUser(await signIn(t.app, 'agent01'));
    const handlerApi = asUser(await signIn(t.app, 'handler_scjg'));
    const departments = (await t.app.inject({ method: 'GET', url: '/api/departments', headers: agent })).json() as {
      items: { id: string; code: string }[];
    };
    const scjg = departments.items.find((d) => d.code === 'SCJG')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { ...agent, 'idempotency-key': `e2e-callback-${Date.now()}` },
      payload: {
        channel: 'phone',
        type: 'consultation',
        urgency: 'normal',
        caller: { name: '赵女士', phone: '13500003333' },
        address: '示范市滨江区江南大道1号',
        content: '咨询食品经营许可证办理进度（回访测试）',
      },
    });
    const ticket = created.json() as { id: string; number: string };
    for (const [url, headers, payload] of [
      [`/api/tickets/${ticket.id}/dispatch`, agent, { leadDepartmentId: scjg.id }],
      [`/api/tickets/${ticket.id}/sign`, handlerApi, {}],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode, response.body).toBe(200);
    }

    const handler = await newPage();
    await signInThroughConsole(handler, baseUrl, 'handler_scjg');
    await handler.getByText('办理中', { exact: true }).click();
    await handler.getByTestId(`inbox-reply-${ticket.number}`).click();
    await handler.getByTestId('action-content').fill('许可证已于本周审批通过，可到政务服务中心3号窗口领取。');
    await handler.getByTestId('action-reply-result-resolved').click();
    await handler.getByTestId('action-contact-method-phone').click();
    await handler.getByTestId('dialog-confirm').click();
    await expect.poll(() => handler.getByTestId(`inbox-reply-${ticket.number}`).count(), { timeout: 10_000 }).toBe(0);
    await handler.close();

    const lead = await newPage();
    await signInThroughConsole(lead, baseUrl, 'lead01');
    await lead.goto(`${baseUrl}/tickets/queues?queue=reply_review`);
    await lead.getByTestId(`ticket-link-${ticket.number}`).click();
    await lead.getByTestId('action-reply-review').click();
    await lead.getByTestId('action-approve-yes').click();
    await lead.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => lead.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('待回访');
    await lead.close();

    // The agent's work queues are 待派单 and the callback worklist (待回访), never the lead's reviews.
    const page = await newPage();
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/queues?queue=awaiting_callback`);
    await page.getByTestId(`ticket-link-${ticket.number}`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ticket-queue-tabs').textContent()).not.toContain('退单审核');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'agent-callback-worklist.png'), fullPage: true });
    await page.getByTestId(`ticket-link-${ticket.number}`).click();
    await page.getByTestId('action-callback').click();
    // This console runs without a SIP proxy: the 外呼 button is disabled and says why, in Chinese.
    expect(await page.getByTestId('call-dial').isDisabled()).toBe(true);
    await expect
      .poll(() => page.getByTestId('call-dial-reason').textContent(), { timeout: 5_000 })
      .toContain('未配置电话系统');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => page.getByTestId('action-error').textContent()).toContain('请选择满意度');
    await page.getByTestId('action-satisfaction-satisfied').click();
    await page.getByTestId('action-solved-yes').click();
    await page.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => page.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('办结');
    expect(await page.getByTestId('ticket-callbacks').textContent()).toContain('满意');
    // Not dialled from here: the callback row says so (no call linked).
    expect(await page.getByTestId('ticket-callbacks').textContent()).toContain('非本系统外呼');
    expect(await page.getByTestId('ticket-replies').textContent()).toContain('3号窗口');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-detail-closed.png'), fullPage: true });
    await page.close();
  });
});
