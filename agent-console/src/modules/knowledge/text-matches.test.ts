import { describe, expect, it } from 'vitest';
import { splitByMatches } from './text-matches';

describe('issue 11: search highlighting from match positions', () => {
  it('cuts the text at the matches', () => {
    expect(
      splitByMatches('二手房过户即不动产转移登记', [
        { start: 0, end: 3 },
        { start: 11, end: 13 },
      ]),
    ).toEqual([
      { text: '二手房', marked: true },
      { text: '过户即不动产转移', marked: false },
      { text: '登记', marked: true },
    ]);
  });

  it('keeps markup as text and ignores ranges that do not fit', () => {
    expect(
      splitByMatches('<b>社保</b>', [
        { start: 3, end: 5 },
        { start: 4, end: 6 },
        { start: 9, end: 20 },
      ]),
    ).toEqual([
      { text: '<b>', marked: false },
      { text: '社保', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
});
