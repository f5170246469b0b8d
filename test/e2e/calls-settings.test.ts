import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HotlineAgentList, RoutingPolicyBody } from '@hotline/shared/contracts/calls';
import { OUTPUT_DIR, fillSignInForm, startConsole } from '../support/browser.js';
import { asUser, signIn, type TestApp } from '../support/test-app.js';
import { resetRouting } from '../integration/calls-support.js';

/** 技能与策略 in Chromium: a lead edits an agent's skills and only reads the policy; an admin changes wrap-up. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let adminCookie: string;
let originalPolicy: RoutingPolicyBody;
let agent02: HotlineAgentList['items'][number];

async function api<T>(method: 'GET' | 'PUT', url: string, payload?: object): Promise<T> {
  const response = await t.app.inject({ method, url, headers: asUser(adminCookie), payload });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

beforeAll(async () => {
  await resetRouting();
  ({ t, browser, baseUrl } = await startConsole());
  adminCookie = await signIn(t.app, 'admin');
  originalPolicy = await api<RoutingPolicyBody>('GET', '/api/calls/policy');
  agent02 = (await api<HotlineAgentList>('GET', '/api/calls/agents')).items.find((a) => a.username === 'agent02')!;
});

afterAll(async () => {
  // Other files share the database: put the demo skills and the policy back.
  if (agent02) await api('PUT', `/api/calls/agents/${agent02.agentId}/skills`, { skills: agent02.skills });
  if (originalPolicy) await api('PUT', '/api/calls/policy', originalPolicy);
  await browser?.close();
  await t?.close();
  await resetRouting();
});

async function openSettings(username: string, landing: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fillSignInForm(page, baseUrl, username);
  await page.getByTestId(landing).waitFor();
  await page.goto(`${baseUrl}/wallboard/settings`);
  await page.getByTestId('calls-settings').waitFor();
  return page;
}

describe('agent skills and routing policy in Chromium', () => {
  it('lets lead01 give agent02 the dialect skill, and shows the policy read-only', async () => {
    expect(agent02.skills.some((s) => s.skill === 'dialect')).toBe(false);
    const page = await openSettings('lead01', 'wallboard');

    await page.getByTestId('calls-edit-skills-agent02').click();
    await page.getByTestId('calls-skill-dialect').click();
    await page.getByTestId('calls-skill-level-dialect').locator('input').fill('4');
    await page.getByTestId('calls-skill-level-dialect').locator('input').press('Tab');
    await page.getByTestId('calls-skills-save').click();

    // The table reloads from the server and shows the new skill.
    await expect
      .poll(() => page.getByTestId('calls-agent-skills-agent02').textContent(), { timeout: 5_000 })
      .toContain('方言专席 4级');
    const saved = (await api<HotlineAgentList>('GET', '/api/calls/agents')).items.find(
      (a) => a.username === 'agent02',
    )!;
    expect(saved.skills).toContainEqual({ skill: 'dialect', level: 4 });
    // The skills agent02 had are kept.
    for (const skill of agent02.skills) expect(saved.skills).toContainEqual(skill);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'calls-settings-skills.png'), fullPage: true });

    await page.locator('#tab-policy').click();
    await page.getByTestId('calls-policy').waitFor();
    expect(await page.getByTestId('calls-policy').getAttribute('data-editable')).toBe('false');
    expect(await page.getByTestId('calls-policy-save').count()).toBe(0);
    expect(await page.getByTestId('calls-policy-wrapUpSeconds').locator('input').isDisabled()).toBe(true);
    expect(await page.getByTestId('calls-policy-wrapUpSeconds').locator('input').inputValue()).toBe(
      String(originalPolicy.wrapUpSeconds),
    );
  });

  it('lets the admin change the wrap-up time', async () => {
    const page = await openSettings('admin', 'admin-home');
    await page.locator('#tab-policy').click();
    const wrapUp = page.getByTestId('calls-policy-wrapUpSeconds').locator('input');
    await wrapUp.waitFor();
    const next = originalPolicy.wrapUpSeconds + 15;
    await wrapUp.fill(String(next));
    await wrapUp.press('Tab');
    await page.getByTestId('calls-policy-save').click();

    await expect
      .poll(async () => (await api<RoutingPolicyBody>('GET', '/api/calls/policy')).wrapUpSeconds, { timeout: 5_000 })
      .toBe(next);
    // Only the wrap-up time changed.
    expect(await api<RoutingPolicyBody>('GET', '/api/calls/policy')).toEqual({
      ...originalPolicy,
      wrapUpSeconds: next,
    });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'calls-settings-policy.png'), fullPage: true });
  });
});
