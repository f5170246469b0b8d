import { describe, expect, it } from 'vitest';
import { smsLength, splitSms, SMS_SEGMENT_LENGTH } from './sms-split.js';

describe('splitSms', () => {
  it('keeps a short text as one unnumbered SMS', () => {
    expect(splitSms('您好，请携带身份证原件到市民中心办理。')).toEqual(['您好，请携带身份证原件到市民中心办理。']);
  });

  it('returns nothing for an empty text', () => {
    expect(splitSms('   ')).toEqual([]);
  });

  it('splits a long Chinese text into numbered segments of at most 70 characters that join back to the text', () => {
    const text = '一次告知'.repeat(60); // 240 characters
    const segments = splitSms(text);
    expect(segments.length).toBe(4);
    segments.forEach((segment, i) => {
      expect(smsLength(segment)).toBeLessThanOrEqual(SMS_SEGMENT_LENGTH);
      expect(segment.startsWith(`(${i + 1}/4)`)).toBe(true);
    });
    expect(segments.map((s) => s.replace(/^\(\d+\/\d+\)/, '')).join('')).toBe(text);
  });

  it('counts the number prefix towards the limit, also with two-digit totals', () => {
    const segments = splitSms('测'.repeat(700));
    expect(segments.length).toBeGreaterThanOrEqual(10);
    for (const segment of segments) expect(smsLength(segment)).toBeLessThanOrEqual(70);
    expect(segments[0]!.startsWith(`(1/${segments.length})`)).toBe(true);
  });

  it('never cuts a link in two', () => {
    const link = 'https://12345.example.gov.cn/notice/Ab3dEf9hIjKlMnOpQrStUv';
    const text = `${'请'.repeat(50)}详见 ${link} 。${'谢'.repeat(30)}`;
    const segments = splitSms(text);
    expect(segments.some((s) => s.includes(link))).toBe(true);
    for (const segment of segments) expect(smsLength(segment)).toBeLessThanOrEqual(70);
  });

  it('counts a character outside the BMP as one', () => {
    expect(smsLength('𠮷野家')).toBe(3);
  });
});
