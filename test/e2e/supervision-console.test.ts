import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, newTestPage, signInThroughConsole, startConsole } from '../support/browser.js';
import type { TestApp } from '../support/test-app.js';
import { refreshTickets } from '../../server/src/modules/supervision/metric-refresh.js';
import { insertCallback, insertReply, insertRound, insertTicket } from '../integration/supervision-support.js';

/** Issue 14 — the supervisor home in Chromium; a department head sees their own unit and league position. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ t, browser, baseUrl } = await startConsole());
  const db = t.deps.database.db;
  const [scjg] = await db.execute<{ id: string }>(sql`SELECT id FROM departments WHERE code = 'SCJG'`);
  const now = new Date();
  const ticket = await insertTicket(db, {
    status: 'closed',
    currentRound: 1,
    leadDepartmentId: scjg!.id,
    createdAt: new Date(now.getTime() - 3 * 86400e3),
    title: '餐馆油烟扰民',
  });
  const round = await insertRound(db, {
    ticketId: ticket,
    round: 1,
    departmentId: scjg!.id,
    dispatchedAt: new Date(now.getTime() - 3 * 86400e3),
    signDueAt: new Date(now.getTime() - 2.9 * 86400e3),
    signedAt: new Date(now.getTime() - 2.95 * 86400e3),
    handlingDueAt: new Date(now.getTime() - 1 * 86400e3),
    repliedAt: new Date(now.getTime() - 2 * 86400e3),
  });
  await insertReply(db, {
    ticketId: ticket,
    roundId: round,
    departmentId: scjg!.id,
    createdAt: new Date(now.getTime() - 2 * 86400e3),
    reviewedAt: new Date(now.getTime() - 2 * 86400e3 + 3600e3),
    content: '已责令商户安装油烟净化设备',
  });
  await insertCallback(db, {
    ticketId: ticket,
    at: new Date(now.getTime() - 86400e3),
    reached: true,
    satisfaction: 'dissatisfied',
    solved: false,
    comment: '净化器装了但晚上仍有油烟',
  });
  await refreshTickets(db, [ticket], now);
  // Hot spots (follow-f14): two more tickets from the same caller (重复来电) and a recorded 突增预警.
  for (const hoursAgo of [2, 5]) {
    await insertTicket(db, { status: 'pending_dispatch', createdAt: new Date(now.getTime() - hoursAgo * 3600e3) });
  }
  await db.execute(sql`INSERT INTO hotspot_alerts (dim, key, label, bucket, window_start, window_end, count, baseline,
      created_at)
    VALUES ('matter', 'e2e-matter', '噪声扰民', ${now.toISOString()}, ${new Date(now.getTime() - 900e3).toISOString()},
            ${now.toISOString()}, 12, 0.5, ${new Date(now.getTime() - 60e3).toISOString()})`);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('督办与考核 console', () => {
  it('the supervisor home shows service level, satisfaction, the 不满意 queue, board, league and hot spots', async () => {
    const page = await newTestPage(browser, 'supervision-home', 1600);
    await signInThroughConsole(page, baseUrl, 'lead01');
    await page.goto(`${baseUrl}/supervision`);
    await page.getByTestId('supervision-cards').waitFor();
    await page.getByTestId('supervision-dissatisfied').getByText('净化器装了但晚上仍有油烟').waitFor();
    const queue = await page.getByTestId('supervision-dissatisfied').textContent();
    expect(queue).toContain('已责令商户安装油烟净化设备');
    expect(await page.getByTestId('supervision-cards').textContent()).toContain('满意率');
    await page.getByTestId('supervision-league').getByText('市场监督管理局').first().waitFor();
    await page.getByTestId('supervision-trend').locator('canvas').first().waitFor();
    await page.getByTestId('supervision-report-generate').click();
    await page.getByTestId('supervision-reports').getByText('日报').first().waitFor();
    // Hot-spot card: the recorded spike, the repeat caller (masked), and a live spike from the leads' room.
    await page.getByTestId('supervision-spikes').getByText('噪声扰民').waitFor();
    const repeat = page.getByTestId('supervision-repeat-callers');
    await repeat.getByText('139****1111').waitFor();
    expect(await repeat.textContent()).not.toContain('13900001111');
    t.deps.realtime.emitTo('role:lead', 'supervision:spike', {
      id: '00000000-0000-4000-8000-00000000e2e1',
      dim: 'area',
      key: 'e2e-area',
      label: '示范区',
      count: 9,
      baseline: 0.25,
      windowStart: new Date(Date.now() - 900e3).toISOString(),
      windowEnd: new Date().toISOString(),
    });
    await page.getByText('热点突增预警').first().waitFor();
    await page.getByTestId('supervision-spikes').getByText('示范区').waitFor();
    expect(await page.getByTestId('supervision-spikes').textContent()).not.toContain('area');
    // Hot-spot analysis: the month's 每月一题 ranking, time clusters, and the spike thresholds (read-only for a lead).
    await page.getByTestId('supervision-topics').waitFor();
    expect(await page.getByTestId('supervision-topics').textContent()).toMatch(/本月共 \d+ 个问题参与排序/);
    await page.getByTestId('supervision-time-clusters').waitFor();
    const minCount = page.getByTestId('spike-rule-minCount').locator('input');
    expect(await minCount.inputValue()).toBe('5');
    expect(await minCount.isDisabled()).toBe(true);
    expect(await page.getByTestId('spike-rules-save').count()).toBe(0);
    expect(await page.getByTestId('supervision-topics').textContent()).not.toMatch(/volume|recurrence|windowMinutes/);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'supervision-home.png'), fullPage: true });
  });

  it('a department head sees their own unit, its league position and explanation', async () => {
    const page = await newTestPage(browser, 'supervision-unit', 1400);
    await signInThroughConsole(page, baseUrl, 'head_scjg');
    await page.goto(`${baseUrl}/supervision`);
    await page.getByTestId('supervision-position').waitFor();
    expect(await page.getByTestId('supervision-position').textContent()).toMatch(
      /本单位名次：第 .+ 名 \/ 共 \d+ 家（市级部门）/,
    );
    await page.getByTestId('supervision-explain').getByText('满意率').first().waitFor();
    // KB upkeep of the month (follow-f14 item 3), shown under the explain.
    expect(await page.getByTestId('supervision-kb-upkeep').textContent()).toMatch(/知识库维护.*超过复核日期\d+项/);
    expect(await page.getByTestId('supervision-hotspots').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'supervision-unit.png'), fullPage: true });
  });
});
