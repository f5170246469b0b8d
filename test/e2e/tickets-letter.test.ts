import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, newTestPage, pickOption, signInThroughConsole, startConsole } from '../support/browser.js';
import { signIn, type TestApp } from '../support/test-app.js';
import { createTicket } from '../support/ticket-factories.js';

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
const newPage = () => newTestPage(browser, `letter-${++pagesOpened}`);

// —— a valid 1×1 PNG, built here so the test depends on no fixture file ——
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
function onePixelPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  // One scan line: filter byte 0, then one red pixel.
  const pixels = deflateSync(Buffer.from([0, 0xff, 0x00, 0x00]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A date a few days back, in the hotline's time zone, as the agent would read it off the envelope. */
function recentLetterDate(): string {
  const threeDaysAgo = new Date(t.clock.now().getTime() - 3 * 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(threeDaysAgo);
}

const LETTER_CONTENT = '来信反映小区电梯长期停运，老人出行困难（浏览器测试信件）';

describe('letters (信件) in the console (Chromium)', () => {
  it('lets an agent key in a letter with its date and scan, and shows the scan on the ticket for download', async () => {
    const png = onePixelPng();
    const letterDate = recentLetterDate();
    const page = await newPage();
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.getByTestId('ticket-intake-form').waitFor();

    await pickOption(page, 'intake-channel', '信件');
    await page.getByTestId('intake-letter').waitFor();
    await page.getByTestId('intake-caller-name').fill('李阿姨');
    await page.getByTestId('intake-caller-phone').fill('13700001111');
    await page.getByTestId('intake-address').fill('示范市西湖区翠苑三区8幢');
    await page.getByTestId('intake-content').fill(LETTER_CONTENT);
    await page.getByTestId('intake-type-help').click();

    // Letter date and scan are required for a letter, in Chinese, before anything is sent.
    await page.getByTestId('intake-submit').click();
    await expect.poll(() => page.getByTestId('intake-letter').textContent()).toContain('请选择来信日期');
    expect(await page.getByTestId('intake-letter').textContent()).toContain('请添加信件扫描件');

    const fileInput = page.locator('[data-testid="intake-letter"] input[type=file]');
    // A text file is refused in the browser, with the reason, and never listed for upload.
    await fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await expect
      .poll(() => page.getByTestId('intake-letter-refusal').textContent())
      .toContain('「notes.txt」不是 JPG、PNG 图片或 PDF 文件，不能上传');
    await expect.poll(() => page.getByTestId('intake-letter-file').count()).toBe(0);

    await fileInput.setInputFiles({ name: 'letter-scan.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('intake-letter-file').count()).toBe(1);
    expect(await page.getByTestId('intake-letter-file').textContent()).toContain('letter-scan.png');

    const dateInput = page.getByTestId('intake-letter').locator('.el-date-editor input');
    await dateInput.fill(letterDate);
    await dateInput.press('Enter');
    await expect.poll(() => dateInput.inputValue()).toBe(letterDate);
    await page.getByTestId('intake-caller-name').click(); // closes the date panel
    await expect.poll(() => page.getByTestId('intake-letter').textContent()).not.toContain('请选择来信日期');

    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-letter-intake.png'), fullPage: true });
    await page.getByTestId('intake-submit').click();
    const created = page.getByTestId('intake-created');
    await created.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('intake-scan-failures').count()).toBe(0);
    // The fresh form is back on the phone channel, with no letter fields left over.
    expect(await page.getByTestId('intake-letter').count()).toBe(0);

    await created.click();
    await page.getByTestId('ticket-detail-header').waitFor();
    expect(await page.getByTestId('ticket-detail-content').textContent()).toContain(LETTER_CONTENT);
    expect(await page.getByTestId('ticket-detail-header').textContent()).toContain(letterDate);
    const link = page.getByTestId('ticket-attachment-link');
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    expect(await link.textContent()).toContain('letter-scan.png');
    expect(await page.getByTestId('ticket-attachments').textContent()).toContain('image/png');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'ticket-letter.png'), fullPage: true });

    // The link works with the session cookie alone: the same bytes come back.
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/tickets\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/);
    const download = await page.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await download.body(), png)).toBe(0);
    // Without the session the file is not served.
    const anonymous = await fetch(`${baseUrl}${href}`);
    expect(anonymous.status).toBe(401);

    // A second scan from the detail page (the retry path for a failed upload); a .txt is refused there too.
    const detailInput = page.locator('[data-testid="ticket-attachment-upload"] input[type=file]');
    await detailInput.setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('memo') });
    await expect
      .poll(() => page.getByTestId('ticket-attachment-problem').textContent())
      .toContain('「memo.txt」不是 JPG、PNG 图片或 PDF 文件');
    await detailInput.setInputFiles({ name: 'letter-page-2.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(2);
    await page.close();
  });

  it('merges a duplicate into an open ticket picked by its number (并单)', async () => {
    const cookie = await signIn(t.app, 'agent01');
    const marker = `并单测试${Date.now() % 100000}`;
    const parent = await createTicket(t.app, cookie, { title: `${marker} 主工单`, content: `${marker} 路灯不亮` });
    const child = await createTicket(t.app, cookie, { title: `${marker} 重复件`, content: `${marker} 路灯又不亮` });

    const page = await newPage();
    await signInThroughConsole(page, baseUrl, 'agent01');
    await page.goto(`${baseUrl}/tickets/${child.id}`);
    await page.getByTestId('action-merge').click();

    // Nothing picked: a Chinese message, nothing sent.
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => page.getByTestId('action-error').textContent()).toContain('请选择要并入的工单');

    await page.getByTestId('action-parent-ticket').click();
    await page.getByTestId('action-parent-ticket').locator('input').fill(parent.number);
    const option = page.getByTestId(`ticket-picker-option-${parent.number}`);
    await option.waitFor({ timeout: 10_000 });
    expect(await option.textContent()).toContain(`${marker} 主工单`);
    // The ticket itself is never offered as its own parent.
    await page.getByTestId('action-parent-ticket').locator('input').fill(marker);
    await option.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId(`ticket-picker-option-${child.number}`).count()).toBe(0);
    await option.click();
    await page.getByTestId('dialog-confirm').click();

    await expect
      .poll(() => page.getByTestId('ticket-detail-status').textContent(), { timeout: 10_000 })
      .toContain('已并单');
    expect(await page.getByTestId('ticket-detail-header').textContent()).toContain(parent.id);
    await page.close();
  });
});
