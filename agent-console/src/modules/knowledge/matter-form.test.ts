import { describe, expect, it } from 'vitest';
import type { CreateMatterBody } from '@hotline/shared/contracts/knowledge';
import { checkMatterBody, MATTER_REQUIRED_FIELDS, matterFieldOf } from './matter-form';

const content: CreateMatterBody['content'] = {
  name: '食品经营许可',
  category: '市场监管',
  visitClass: 'one_visit',
  legalBasis: [],
  fees: '不收费',
  legalTimeLimitDays: null,
  promisedTimeLimitDays: null,
  place: '',
  hours: '',
  phone: '',
  onlineUrl: null,
  keywords: [],
  situations: [],
};

describe('the matter editor checks against the shared schema', () => {
  it('marks as required what CreateMatterBody requires', () => {
    expect(MATTER_REQUIRED_FIELDS.has('content.name')).toBe(true);
    expect(MATTER_REQUIRED_FIELDS.has('code')).toBe(true);
    expect(MATTER_REQUIRED_FIELDS.has('content.fees')).toBe(false);
  });

  it('puts each problem on its field, situations on the situation list', () => {
    expect(matterFieldOf('content.situations.2.name')).toBe('content.situations');
    expect(matterFieldOf('content.name')).toBe('content.name');
    expect(matterFieldOf('somethingElse')).toBeNull();
    const problems = checkMatterBody(false, { content: { ...content, name: '', onlineUrl: 'ftp://x' } });
    expect(problems.map((p) => p.path).sort()).toEqual(['content.name', 'content.onlineUrl']);
    expect(checkMatterBody(false, { content })).toEqual([]);
    expect(
      checkMatterBody(true, { code: 'x', departmentId: 'nope', reviewDueOn: '', content }).map((p) => p.path),
    ).toEqual(expect.arrayContaining(['code', 'departmentId', 'reviewDueOn']));
  });
});
