import { describe, expect, it } from 'vitest';
import {
  describeMaterial,
  missingNoticeSections,
  NoticeRenderError,
  renderNoticeSmsSegments,
  renderOnceNotice,
  timeLimitText,
  type NoticeMatterSource,
} from './notice-rendering.js';
import { smsLength } from './sms-split.js';

function matter(overrides: Partial<NoticeMatterSource> = {}): NoticeMatterSource {
  return {
    matterId: 'm1',
    versionId: 'v1',
    versionNo: 3,
    code: '330100-XK-002',
    name: '食品经营许可',
    departmentName: '市市场监督管理局',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    fees: '不收费',
    legalTimeLimitDays: 20,
    promisedTimeLimitDays: 3,
    place: '示范市民中心一楼',
    hours: '工作日 9:00-17:00',
    phone: '0571-85101202',
    onlineUrl: 'https://example.gov.cn/m/1',
    situations: [
      {
        code: '330100-XK-002-01',
        name: '新办',
        conditions: ['有与经营的食品品种相适应的场所'],
        materials: [
          {
            name: '食品经营许可申请书',
            form: 'original',
            copies: 1,
            required: true,
            deferrable: false,
            source: '申请人自备',
            sharedElectronically: false,
          },
          {
            name: '营业执照',
            form: 'electronic',
            copies: 1,
            required: true,
            deferrable: false,
            source: '市场监管部门核发',
            sharedElectronically: true,
          },
        ],
      },
      { code: '330100-XK-002-02', name: '变更', conditions: ['已取得许可'], materials: [] },
    ],
    ...overrides,
  };
}

const at = new Date('2026-03-02T02:00:00Z');

describe('renderOnceNotice', () => {
  it('renders the chosen situations with every required section and the version it came from', () => {
    const notice = renderOnceNotice({
      parts: [{ matter: matter(), situationCodes: ['330100-XK-002-01'] }],
      renderedAt: at,
    });
    expect(notice.title).toBe('食品经营许可 一次告知单');
    expect(notice.parts[0]).toMatchObject({
      versionId: 'v1',
      versionNo: 3,
      fees: '不收费',
      visitClassLabel: '最多跑一次',
    });
    expect(notice.parts[0]!.situations.map((s) => s.name)).toEqual(['新办']);
    expect(notice.parts[0]!.timeLimit.text).toBe('承诺 3 个工作日内办结（法定时限 20 个工作日）');
    expect(missingNoticeSections(notice)).toEqual([]);
  });

  it('refuses an unknown situation and an empty choice in Chinese', () => {
    expect(() => renderOnceNotice({ parts: [{ matter: matter(), situationCodes: ['X'] }], renderedAt: at })).toThrow(
      NoticeRenderError,
    );
    expect(() => renderOnceNotice({ parts: [{ matter: matter(), situationCodes: [] }], renderedAt: at })).toThrow(
      '请为事项「食品经营许可」选择办事情形',
    );
  });

  it('names each missing required section: no materials, no fees, no phone, neither place nor link', () => {
    const notice = renderOnceNotice({
      parts: [
        {
          matter: matter({ fees: ' ', phone: '', place: '', onlineUrl: null }),
          situationCodes: ['330100-XK-002-02'],
        },
      ],
      renderedAt: at,
    });
    expect(missingNoticeSections(notice).map((m) => m.section)).toEqual(['materials', 'fees', 'place', 'phone']);
  });

  it('issue 9.13: also requires the legal basis, the hours of the place, the department and the visit class', () => {
    const notice = renderOnceNotice({
      parts: [
        {
          matter: matter({ legalBasis: [' '], hours: '', departmentName: '' }),
          situationCodes: ['330100-XK-002-01'],
        },
      ],
      renderedAt: at,
    });
    notice.parts[0]!.visitClass = '' as never;
    expect(missingNoticeSections(notice).map((m) => m.section)).toEqual([
      'hours',
      'legalBasis',
      'department',
      'visitClass',
    ]);
  });

  it('keeps the agent remarks beside, not instead of, the required content', () => {
    const notice = renderOnceNotice({
      parts: [{ matter: matter(), situationCodes: ['330100-XK-002-01'] }],
      remarks: '  周六上午也可办理  ',
      renderedAt: at,
    });
    expect(notice.remarks).toBe('周六上午也可办理');
    expect(notice.parts[0]!.situations[0]!.materials).toHaveLength(2);
  });

  it('titles a bundle notice with the bundle and keeps the parts in bundle order', () => {
    const notice = renderOnceNotice({
      bundle: { code: 'B1', name: '开餐馆一件事', description: '…' },
      parts: [
        { matter: matter(), situationCodes: ['330100-XK-002-01'] },
        { matter: matter({ matterId: 'm2', name: '户外招牌设置审批' }), situationCodes: ['330100-XK-002-01'] },
      ],
      renderedAt: at,
    });
    expect(notice.title).toBe('开餐馆一件事 一次告知单');
    expect(notice.parts.map((p) => p.matterName)).toEqual(['食品经营许可', '户外招牌设置审批']);
  });
});

describe('notice details', () => {
  it('words time limits: 即办, promised only, neither', () => {
    expect(timeLimitText(5, 0)).toBe('承诺即办（当场办结）（法定时限 5 个工作日）');
    expect(timeLimitText(null, 2)).toBe('承诺 2 个工作日内办结');
    expect(timeLimitText(null, null)).toContain('无法定办理时限');
  });

  it('describes a shared material as not to be brought, and a 容缺 one as deferrable', () => {
    const [form, licence] = matter().situations[0]!.materials;
    expect(describeMaterial(licence!)).toBe('营业执照（数据共享获取，无需提交）');
    expect(describeMaterial({ ...form!, deferrable: true, copies: 2 })).toBe(
      '食品经营许可申请书（原件2份，可容缺后补）',
    );
  });

  it('renders the SMS as numbered segments of at most 70 characters with the whole link', () => {
    const link = 'https://12345.example.gov.cn/notice/k7Qw2Zx9Lm4Np8Rt6Yv3Bc';
    const notice = renderOnceNotice({
      parts: [{ matter: matter(), situationCodes: ['330100-XK-002-01'] }],
      renderedAt: at,
    });
    const segments = renderNoticeSmsSegments(notice, link);
    expect(segments.length).toBeGreaterThan(1);
    for (const s of segments) expect(smsLength(s)).toBeLessThanOrEqual(70);
    expect(segments.join('')).toContain(link);
  });
});
