/**
 * The 一次告知 notice (tell everything once): rendered from a matter (事项) and the situations (办事情形) the citizen is
 * in, or from a 一件事 bundle. Pure: the server renders and validates with it, the console previews with the same code.
 *
 * The required sections are not optional for the agent: the notice is rendered from the published knowledge base, the
 * agent may only add remarks, and `missingNoticeSections` refuses a notice that lacks any of them.
 */
import { splitSms } from './sms-split.js';

export const VISIT_CLASSES = ['zero_visit', 'one_visit', 'exception'] as const;
export type VisitClass = (typeof VISIT_CLASSES)[number];
export const VISIT_CLASS_LABELS: Record<VisitClass, string> = {
  zero_visit: '零跑腿',
  one_visit: '最多跑一次',
  exception: '例外事项',
};

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件及复印件',
  electronic: '电子材料',
};

export interface NoticeMaterial {
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  /** 容缺受理: may be supplied later. */
  deferrable: boolean;
  source: string;
  /** Shared electronically (电子证照库 / 数据共享): the citizen need not bring it. */
  sharedElectronically: boolean;
  note?: string | null;
}

export interface NoticeSituation {
  code: string;
  name: string;
  conditions: string[];
  materials: NoticeMaterial[];
  notes?: string | null;
}

/** A published matter version as the renderer needs it. */
export interface NoticeMatterSource {
  matterId: string;
  versionId: string;
  versionNo: number;
  code: string;
  name: string;
  departmentName: string;
  visitClass: VisitClass;
  legalBasis: string[];
  fees: string;
  legalTimeLimitDays: number | null;
  promisedTimeLimitDays: number | null;
  place: string;
  hours: string;
  phone: string;
  onlineUrl: string | null;
  situations: NoticeSituation[];
}

export interface NoticePart {
  matterId: string;
  versionId: string;
  versionNo: number;
  matterCode: string;
  matterName: string;
  departmentName: string;
  visitClass: VisitClass;
  visitClassLabel: string;
  situations: NoticeSituation[];
  fees: string;
  timeLimit: { legalDays: number | null; promisedDays: number | null; text: string };
  place: string;
  hours: string;
  onlineUrl: string | null;
  phone: string;
  legalBasis: string[];
}

export interface OnceNotice {
  title: string;
  bundle: { code: string; name: string; description: string } | null;
  parts: NoticePart[];
  /** What the agent added; never replaces a required section. */
  remarks: string | null;
  renderedAt: string;
}

export const REQUIRED_NOTICE_SECTIONS = [
  'conditions',
  'materials',
  'fees',
  'timeLimit',
  'place',
  'hours',
  'phone',
  'legalBasis',
  'department',
  'visitClass',
] as const;
export type NoticeSection = (typeof REQUIRED_NOTICE_SECTIONS)[number];
export const NOTICE_SECTION_LABELS: Record<NoticeSection, string> = {
  conditions: '受理条件',
  materials: '申请材料',
  fees: '收费标准',
  timeLimit: '办理时限',
  place: '办理地点或网上办理入口',
  hours: '办理时间',
  phone: '咨询电话',
  legalBasis: '设定依据',
  department: '实施部门',
  visitClass: '跑动次数',
};

export interface RenderNoticeInput {
  /** Each matter with the situations chosen (in order); a bundle gives one entry per situation's matter. */
  parts: { matter: NoticeMatterSource; situationCodes: string[] }[];
  bundle?: { code: string; name: string; description: string } | null;
  remarks?: string | null;
  renderedAt: Date;
}

export class NoticeRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeRenderError';
  }
}

/** 承诺时限 first (what the city promises), then the legal limit; 0 days is 即办 (done on the spot). */
export function timeLimitText(legalDays: number | null, promisedDays: number | null): string {
  const promised =
    promisedDays === null ? null : promisedDays === 0 ? '承诺即办（当场办结）' : `承诺 ${promisedDays} 个工作日内办结`;
  const legal = legalDays === null ? null : `法定时限 ${legalDays} 个工作日`;
  if (promised && legal) return `${promised}（${legal}）`;
  return promised ?? legal ?? '无法定办理时限，按实际办理进度（预约、考试安排等）办结';
}

function renderPart(matter: NoticeMatterSource, situationCodes: string[]): NoticePart {
  if (situationCodes.length === 0) throw new NoticeRenderError(`请为事项「${matter.name}」选择办事情形`);
  const situations = situationCodes.map((code) => {
    const situation = matter.situations.find((s) => s.code === code);
    if (!situation) throw new NoticeRenderError(`事项「${matter.name}」没有编码为 ${code} 的办事情形`);
    return {
      code: situation.code,
      name: situation.name,
      conditions: [...situation.conditions],
      materials: situation.materials.map((m) => ({ ...m, note: m.note ?? null })),
      notes: situation.notes ?? null,
    };
  });
  return {
    matterId: matter.matterId,
    versionId: matter.versionId,
    versionNo: matter.versionNo,
    matterCode: matter.code,
    matterName: matter.name,
    departmentName: matter.departmentName,
    visitClass: matter.visitClass,
    visitClassLabel: VISIT_CLASS_LABELS[matter.visitClass],
    situations,
    fees: matter.fees,
    timeLimit: {
      legalDays: matter.legalTimeLimitDays,
      promisedDays: matter.promisedTimeLimitDays,
      text: timeLimitText(matter.legalTimeLimitDays, matter.promisedTimeLimitDays),
    },
    place: matter.place,
    hours: matter.hours,
    onlineUrl: matter.onlineUrl,
    phone: matter.phone,
    legalBasis: [...matter.legalBasis],
  };
}

/** Renders the structured notice. Throws NoticeRenderError (a message for the agent) on an impossible choice. */
export function renderOnceNotice(input: RenderNoticeInput): OnceNotice {
  if (input.parts.length === 0) throw new NoticeRenderError('请至少选择一个事项');
  const parts = input.parts.map((p) => renderPart(p.matter, p.situationCodes));
  const title = input.bundle
    ? `${input.bundle.name} 一次告知单`
    : `${parts.map((p) => p.matterName).join('、')} 一次告知单`;
  const remarks = input.remarks?.trim() ? input.remarks.trim() : null;
  return { title, bundle: input.bundle ?? null, parts, remarks, renderedAt: input.renderedAt.toISOString() };
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/**
 * The required sections a notice lacks, per matter: conditions and materials of every situation, fees, time limit,
 * place or online entry (with its hours), phone, legal basis, the owning department and the visit class. An empty list means the notice may be given to the citizen.
 */
export function missingNoticeSections(notice: OnceNotice): { matterName: string; section: NoticeSection }[] {
  const missing: { matterName: string; section: NoticeSection }[] = [];
  if (notice.parts.length === 0) return [{ matterName: '', section: 'conditions' }];
  for (const part of notice.parts) {
    const add = (section: NoticeSection) => missing.push({ matterName: part.matterName, section });
    if (part.situations.length === 0 || part.situations.some((s) => s.conditions.filter((c) => !blank(c)).length === 0))
      add('conditions');
    if (part.situations.some((s) => s.materials.length === 0 || s.materials.some((m) => blank(m.name))))
      add('materials');
    if (blank(part.fees)) add('fees');
    if (blank(part.timeLimit.text)) add('timeLimit');
    if (blank(part.place) && blank(part.onlineUrl)) add('place');
    // Issue 9.13: a citizen told to go somewhere is told when it is open, why (the legal basis), who decides and
    // how many visits it takes (跑动次数).
    if (!blank(part.place) && blank(part.hours)) add('hours');
    if (blank(part.phone)) add('phone');
    if (part.legalBasis.filter((b) => !blank(b)).length === 0) add('legalBasis');
    if (blank(part.departmentName)) add('department');
    if (!part.visitClass) add('visitClass');
  }
  return missing;
}

/** 「材料名（原件1份，容缺）」: one line of the material list, as printed and as read out on the phone. */
export function describeMaterial(material: NoticeMaterial): string {
  const bits: string[] = [];
  if (material.sharedElectronically) bits.push('数据共享获取，无需提交');
  else bits.push(`${MATERIAL_FORM_LABELS[material.form]}${material.copies}份`);
  if (!material.required) bits.push('视情形提供');
  if (material.deferrable) bits.push('可容缺后补');
  return `${material.name}（${bits.join('，')}）`;
}

/**
 * The SMS text: short (an SMS is not the place for the full material list), naming each matter with its promised time,
 * phone and the link to the full printable notice.
 */
export function renderNoticeSmsText(notice: OnceNotice, link: string, signature = '【12345热线】'): string {
  const head = notice.bundle ? `您咨询的「${notice.bundle.name}」` : `您咨询的「${notice.parts[0]?.matterName ?? ''}」`;
  const lines = notice.parts.map((part, index) => {
    const materialCount = part.situations.reduce(
      (sum, s) => sum + s.materials.filter((m) => m.required && !m.sharedElectronically).length,
      0,
    );
    return `${index + 1}.${part.matterName}（${part.situations.map((s) => s.name).join('、')}），需携带材料${materialCount}项，${part.timeLimit.text}，咨询${part.phone}`;
  });
  return `${signature}${head}一次告知：${lines.join('；')}。完整受理条件和材料清单请查看 ${link} 。`;
}

export function renderNoticeSmsSegments(notice: OnceNotice, link: string): string[] {
  return splitSms(renderNoticeSmsText(notice, link));
}
