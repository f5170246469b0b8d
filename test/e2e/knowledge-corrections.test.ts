import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { OUTPUT_DIR, fillSignInForm, signInThroughConsole, startConsole } from '../support/browser.js';
import type { TestApp } from '../support/test-app.js';

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

describe('纠错 in the console', () => {
  it('an agent flags a matter from the desk panel; the editor sees it in the 纠错 tab and rejects it with a reason', async () => {
    const reason = `收费标准已调整-${Date.now() % 100000}`;
    const agentPage = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillSignInForm(agentPage, baseUrl, 'agent01');
    await agentPage.getByTestId('agent-desk').waitFor();
    await agentPage.getByTestId('kb-search-input').pressSequentially('开饭店', { delay: 60 });
    const matter = agentPage.getByTestId('kb-matter-result').first();
    await matter.waitFor({ timeout: 10_000 });
    await matter.click();
    await agentPage.getByTestId('kb-correction').click();
    await agentPage.getByTestId('kb-correction-reason').fill(reason);
    await agentPage.getByTestId('kb-correction-submit').click();
    await agentPage.getByText('已提交纠错，知识库采编将核实处理').waitFor({ timeout: 10_000 });
    await agentPage.close();

    const [row] = await t.deps.database.db.execute<{ status: string }>(
      sql`SELECT status FROM kb_corrections WHERE reason = ${reason}`,
    );
    expect(row?.status).toBe('open');

    const editorPage = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInThroughConsole(editorPage, baseUrl, 'kb01');
    await editorPage.goto(`${baseUrl}/knowledge`);
    await editorPage.getByTestId('knowledge-home').waitFor({ timeout: 15_000 });
    await editorPage.locator('#tab-corrections').click();
    const line = editorPage.getByTestId('kb-correction-table').locator('tr').filter({ hasText: reason });
    await line.waitFor({ timeout: 10_000 });
    expect(await line.textContent()).toContain('待处理');
    await editorPage.locator('[data-testid="kb-correction-table"] .el-loading-mask').waitFor({ state: 'hidden' });
    await editorPage.screenshot({ path: path.join(OUTPUT_DIR, 'knowledge-corrections-editor.png') });
    await line.getByTestId('kb-correction-reject').click();
    await editorPage.locator('.el-message-box textarea').fill('经核实收费未调整');
    await editorPage.locator('.el-message-box').getByRole('button', { name: '驳回' }).click();
    await line.waitFor({ state: 'detached', timeout: 10_000 });
    const [after] = await t.deps.database.db.execute<{ status: string; resolution_note: string }>(
      sql`SELECT status, resolution_note FROM kb_corrections WHERE reason = ${reason}`,
    );
    expect(after).toMatchObject({ status: 'rejected', resolution_note: '经核实收费未调整' });
    await editorPage.close();
  });
});
