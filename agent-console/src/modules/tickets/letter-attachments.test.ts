import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentDownloadUrl,
  bytesToBase64,
  checkAttachmentFile,
  formatFileSize,
  letterDateProblem,
  pickerDate,
  readFileAsBase64,
} from './letter-attachments';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';

describe('scanned letter file checks', () => {
  it('accepts JPEG, PNG and PDF up to 5 MB, by extension in any case', () => {
    expect(checkAttachmentFile({ name: 'scan.JPG', size: 10, type: 'image/jpeg' })).toBeNull();
    expect(checkAttachmentFile({ name: 'scan.jpeg', size: 10, type: 'image/jpeg' })).toBeNull();
    expect(checkAttachmentFile({ name: '来信.png', size: 10, type: 'image/png' })).toBeNull();
    expect(checkAttachmentFile({ name: 'letter.pdf', size: ATTACHMENT_MAX_BYTES, type: 'application/pdf' })).toBeNull();
    // Some browsers report no type: the extension decides, the server checks the bytes.
    expect(checkAttachmentFile({ name: 'letter.pdf', size: 10, type: '' })).toBeNull();
  });

  it('refuses other types, a type that contradicts the name, empty files and files over 5 MB', () => {
    expect(checkAttachmentFile({ name: 'notes.txt', size: 10, type: 'text/plain' })).toBe('type');
    expect(checkAttachmentFile({ name: 'noextension', size: 10, type: '' })).toBe('type');
    expect(checkAttachmentFile({ name: 'fake.png', size: 10, type: 'text/html' })).toBe('type');
    expect(checkAttachmentFile({ name: 'empty.png', size: 0, type: 'image/png' })).toBe('empty');
    expect(checkAttachmentFile({ name: 'big.pdf', size: ATTACHMENT_MAX_BYTES + 1, type: 'application/pdf' })).toBe(
      'size',
    );
  });
});

describe('base64 for the attachments route', () => {
  it('encodes bytes as standard base64, also beyond one chunk', async () => {
    const small = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    expect(bytesToBase64(small)).toBe('iVBORwD/');
    // Larger than one 32 KiB chunk and not a multiple of 3: decoding gives back every byte.
    const large = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
    const decoded = Uint8Array.from(atob(bytesToBase64(large)), (char) => char.charCodeAt(0));
    expect(decoded).toEqual(large);
    expect(bytesToBase64(new Uint8Array())).toBe('');
    await expect(readFileAsBase64(new Blob([small]))).resolves.toBe('iVBORwD/');
  });
});

describe('letter date (来信日期)', () => {
  const today = '2026-11-22';

  it('is required, a real date, and not after today', () => {
    expect(letterDateProblem(null, today)).toBe('required');
    expect(letterDateProblem('', today)).toBe('required');
    expect(letterDateProblem('2026/11/20', today)).toBe('invalid');
    expect(letterDateProblem('2026-02-30', today)).toBe('invalid');
    expect(letterDateProblem('2026-11-23', today)).toBe('future');
    expect(letterDateProblem('2026-11-22', today)).toBeNull();
    expect(letterDateProblem('2025-12-31', today)).toBeNull();
  });

  it("takes today's date in Asia/Shanghai, whatever the browser's time zone", () => {
    // 16:30 UTC is already the next day in Shanghai (UTC+8).
    expect(toShanghaiDate(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22');
    expect(toShanghaiDate(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21');
  });

  it("reads the picker's local-midnight Date as its calendar date", () => {
    expect(pickerDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('attachment display helpers', () => {
  it('builds the same-origin download link and readable sizes', () => {
    expect(attachmentDownloadUrl('t 1', 'a/2')).toBe('/api/tickets/t%201/attachments/a%2F2');
    expect(formatFileSize(10)).toBe('1 KB');
    expect(formatFileSize(12 * 1024)).toBe('12 KB');
    expect(formatFileSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
