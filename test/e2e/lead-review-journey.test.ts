import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TicketList } from '@hotline/shared/contracts/tickets';
import { loadExcelJs } from '../../server/src/modules/intelligence/exceljs-loader.js';
import { OUTPUT_DIR, newTestPage, pickOption, signInThroughConsole, startConsole } from '../support/browser.js';
import { visibleRawKeys, watchConsoleErrors } from '../support/screen-checks.js';
import { act, createTicket, must } from '../support/ticket-factories.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';

/**
 * Issue 11, the unit's and the lead's journey in Chromium: a handler replies with 办理结果, 响应 and a file; the lead's
 * review dialogs show what is approved (the reply with its result, contact and file; the days and the new deadline
 * of an extension); the 待派单 queue with its exact count; a bulk dispatch from it; the queue exported. Every page
 * is checked for raw keys and console errors; screenshots in test/output/.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let scjgId = '';
let agentCookie = '';
let handlerCookie = '';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(128, 3)]);

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
  agentCookie = await signIn(t.app, 'agent01');
  handlerCookie = await signIn(t.app, 'handler_scjg');
  const departments = await t.app.inject({ method: 'GET', url: '/api/departments', headers: asUser(agentCookie) });
  scjgId = (departments.json().items as { id: string; code: string }[]).find((d) => d.code === 'SCJG')!.id;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedForScjg(title: string) {
  const ticket = await createTicket(t.app, agentCookie, { title });
  await must(act(t.app, agentCookie, ticket.id, 'dispatch', { leadDepartmentId: scjgId }));
  await must(act(t.app, handlerCookie, ticket.id, 'sign'));
  return ticket;
}

async function expectClean(page: Page, errors: string[]) {
  expect(await visibleRawKeys(page)).toEqual([]);
  expect(errors).toEqual([]);
}

describe('issue 11: reply with result, 响应 and file → the lead sees what is approved (Chromium)', () => {
  it('the handler replies with a result, a contact method and a file; the lead’s review dialog shows all three', async () => {
    const ticket = await signedForScjg('餐馆后厨卫生差（反馈附件巡检）');
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'reply-')), '现场检查照片.png');
    await writeFile(file, PNG);

    const handler = await newTestPage(browser, 'lead-journey-handler-reply');
    const handlerErrors = watchConsoleErrors(handler);
    await signInThroughConsole(handler, baseUrl, 'handler_scjg');
    await handler.locator('#tab-in-progress').click();
    await handler.getByTestId(`inbox-reply-${ticket.number}`).click();
    await handler.getByTestId('action-content').fill('已到现场检查，责令停业整改，整改后复查合格。');
    // Without a result the form says what is missing, in Chinese.
    await handler.getByTestId('dialog-confirm').click();
    await expect.poll(() => handler.getByTestId('action-error').textContent()).toContain('请选择办理结果');
    await handler.getByTestId('action-reply-result-resolved').click();
    await handler.getByTestId('action-contact-method-visit').click();
    await handler.locator('[data-testid="reply-files-upload"] input[type="file"]').setInputFiles(file);
    await handler.getByTestId('reply-file').first().waitFor();
    expect(await handler.getByTestId('reply-file').first().textContent()).toContain('现场检查照片.png');
    await handler.screenshot({ path: path.join(OUTPUT_DIR, 'lead-journey-handler-reply.png'), fullPage: true });
    await expectClean(handler, handlerErrors);
    await handler.getByTestId('dialog-confirm').click();
    await expect.poll(() => handler.getByTestId(`inbox-reply-${ticket.number}`).count(), { timeout: 10_000 }).toBe(0);
    await handler.close();

    const lead = await newTestPage(browser, 'lead-journey-reply-review');
    const leadErrors = watchConsoleErrors(lead);
    await signInThroughConsole(lead, baseUrl, 'lead01');
    await lead.goto(`${baseUrl}/tickets/${ticket.id}`);
    await lead.getByTestId('action-reply-review').click();
    const subject = lead.getByTestId('review-subject');
    await subject.waitFor();
    expect(await lead.getByTestId('review-reply-content').textContent()).toContain('责令停业整改');
    expect(await lead.getByTestId('review-reply-result').textContent()).toBe('已解决');
    expect(await lead.getByTestId('review-reply-contact').textContent()).toBe('上门走访');
    const link = lead.getByTestId('review-reply-file');
    expect(await link.textContent()).toBe('现场检查照片.png');
    // The link downloads the very file (the download is audited by the server).
    const download = await lead.request.get(`${baseUrl}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'lead-journey-reply-review-dialog.png'), fullPage: true });
    await expectClean(lead, leadErrors);
    await lead.getByTestId('action-approve-yes').click();
    await lead.getByTestId('dialog-confirm').click();
    await expect
      .poll(() => lead.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('待回访');
    // The ticket page keeps the result, the contact and the file with the reply.
    const replies = lead.getByTestId('ticket-replies');
    await expect.poll(() => replies.textContent()).toContain('上门走访');
    expect(await replies.textContent()).toContain('已解决');
    expect(await replies.textContent()).toContain('现场检查照片.png');
    await expectClean(lead, leadErrors);
    await lead.close();
  }, 180_000);

  it('the extension review shows the days asked and the deadline an approval gives', async () => {
    const ticket = await signedForScjg('小区噪声扰民（延期审核巡检）');
    await must(
      act(t.app, handlerCookie, ticket.id, 'extension', {
        days: 3,
        reason: '需会同街道联合执法',
        legalBasis: '《示范市12345热线管理办法》第二十条',
      }),
    );
    const lead = await newTestPage(browser, 'lead-journey-extension-review');
    const errors = watchConsoleErrors(lead);
    await signInThroughConsole(lead, baseUrl, 'lead01');
    await lead.goto(`${baseUrl}/tickets/${ticket.id}`);
    await lead.getByTestId('action-extension-review').click();
    await lead.getByTestId('review-subject').waitFor();
    expect(await lead.getByTestId('review-extension-days').textContent()).toBe('3 个工作日');
    expect(await lead.getByTestId('review-extension-allowance').textContent()).toBe(
      '已批准 0 个工作日，上限 20 个工作日',
    );
    expect(await lead.getByTestId('review-extension-new-due').textContent()).toMatch(/\d{4}-\d{2}-\d{2}|\d+月\d+日|\//);
    expect(await lead.getByTestId('review-subject').textContent()).toContain('需会同街道联合执法');
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'lead-journey-extension-review-dialog.png'), fullPage: true });
    await expectClean(lead, errors);
    await lead.close();
  }, 120_000);
});

describe('issue 11: 待派单 with its count → bulk dispatch → export (Chromium)', () => {
  it('the lead selects web enquiries in 待派单, dispatches them in one go and exports the queue', async () => {
    const web = [];
    for (const title of ['路灯不亮（批量派单巡检一）', '井盖缺失（批量派单巡检二）']) {
      web.push(
        await createTicket(t.app, agentCookie, {
          channel: 'web',
          title,
          caller: { name: '孙网民', phone: '13600001234' },
        }),
      );
    }
    const lead = await newTestPage(browser, 'lead-journey-bulk');
    const errors = watchConsoleErrors(lead);
    await signInThroughConsole(lead, baseUrl, 'lead01');
    await lead.goto(`${baseUrl}/tickets/queues?queue=pending_dispatch`);
    const total = async () =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/tickets?queue=pending_dispatch&limit=1',
            headers: asUser(await signIn(t.app, 'lead01')),
          })
        ).json() as TicketList
      ).total;
    const before = await total();
    expect(before).toBeGreaterThanOrEqual(2);
    await expect.poll(() => lead.locator('#tab-pending_dispatch').innerText()).toBe(`待派单（${before}）`);

    for (const ticket of web) {
      await lead.locator(`.ticket-row-${ticket.number} .el-checkbox`).first().click();
    }
    await lead.getByTestId('bulk-bar').waitFor();
    expect(await lead.getByTestId('bulk-bar').textContent()).toContain('已选 2 张工单');
    await lead.getByTestId('bulk-dispatch').click();
    await pickOption(lead, 'bulk-lead-department', '市市场监督管理局');
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'lead-journey-bulk-dialog.png'), fullPage: true });
    await lead.getByTestId('bulk-confirm').click();
    const result = lead.getByTestId('bulk-result');
    await expect.poll(() => result.locator('.el-dialog__title').textContent()).toBe('派单结果：成功 2 张，失败 0 张');
    await lead.screenshot({ path: path.join(OUTPUT_DIR, 'lead-journey-bulk-result.png'), fullPage: true });
    await lead.getByTestId('bulk-result-close').click();
    expect(await total()).toBe(before - 2);
    await expect.poll(() => lead.locator('#tab-pending_dispatch').innerText()).toBe(`待派单（${before - 2}）`);
    for (const ticket of web) {
      await expect.poll(() => lead.getByTestId(`ticket-link-${ticket.number}`).count()).toBe(0);
    }

    // Export the 待派单 queue: the file comes with masked numbers.
    const remaining = await createTicket(t.app, agentCookie, {
      channel: 'letter',
      letterDate: '2026-11-20',
      title: '来信反映噪声（导出巡检）',
      caller: { name: '钱来信', phone: '13511112222' },
    });
    const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByTestId('ticket-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^工单导出-\d{12}\.xlsx$/);
    const saved = path.join(OUTPUT_DIR, 'lead-journey-export.xlsx');
    await download.saveAs(saved);
    const workbook = new (loadExcelJs().Workbook)();
    await workbook.xlsx.load((await readFile(saved)) as unknown as ArrayBuffer);
    const rows: string[] = [];
    workbook.getWorksheet('工单列表')!.eachRow((row) => rows.push((row.values as unknown[]).join('|')));
    const line = rows.find((r) => r.includes(remaining.number))!;
    expect(line).toContain('钱**');
    expect(line).toContain('135****2222');
    expect(rows.join('\n')).not.toContain('13511112222');
    await expectClean(lead, errors);
    await lead.close();
  }, 180_000);
});
