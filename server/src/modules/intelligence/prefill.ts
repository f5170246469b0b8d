import type { PrefillResult } from '@hotline/shared/contracts/intelligence';
import type { CategoryFlag, TicketType, Urgency } from '@hotline/shared/domain/ticket-types';

/**
 * 智能填单: reads what can be read from a pasted or transcribed text. Every value is a suggestion the agent confirms;
 * nothing here is certain enough to be filled silently.
 */
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d[-\s]?\d{4}[-\s]?\d{4})(?!\d)/;
const LANDLINE = /(?<!\d)(0\d{2,3}[-\s]?\d{7,8})(?!\d)/;
/** An address runs from a district/road marker to a house number or a place word. */
const ADDRESS =
  /((?:[\u4e00-\u9fa5]{2,6}(?:省|市))?(?:[\u4e00-\u9fa5]{1,6}(?:区|县))?(?:[\u4e00-\u9fa5]{1,8}(?:街道|镇|乡))?[\u4e00-\u9fa5\d]{1,12}(?:路|街|巷|弄|道|大道|社区|小区|村)(?:[\d一二三四五六七八九十百零]+(?:号|弄|栋|幢|单元|室|楼)){0,4}(?:[\u4e00-\u9fa5]{0,6}(?:小区|大厦|广场|花园|公寓|市场|学校|医院|公园))?)/;
const NAME = /(?:我(?:是|叫|姓)|本人)([\u4e00-\u9fa5]{1,3}?)(?:[，,。\s]|先生|女士|$)/;

const TYPE_CUES: [TicketType, RegExp][] = [
  ['report', /举报|违法|偷排|非法|黑作坊|传销|诈骗/],
  ['complaint', /投诉|扰民|太吵|噪音|油烟|乱收费|不作为|态度差|拖欠/],
  ['help', /求助|帮忙|帮帮|救助|被困|走失|停水|停电|漏水|爆裂/],
  ['suggestion', /建议|希望增设|能不能增加|提个意见/],
  ['praise', /表扬|感谢|点赞|锦旗/],
  ['consultation', /咨询|请问|怎么办理|如何办理|需要什么材料|在哪里办/],
];
const CRITICAL = /着火|起火|火灾|爆炸|燃气泄漏|煤气泄漏|闻到煤气|有人受伤|生命危险|坍塌|被困电梯|触电|溺水/;
const URGENT = /很急|紧急|马上|立即|老人|孩子|停水|停电|停气|没有暖气|漏水严重|积水/;
const UTILITIES = /停水|停电|停气|燃气|煤气|自来水|水压|供暖|暖气|供热|电费|水费|电表|水表/;

export function prefillFromText(text: string): PrefillResult {
  const flat = text.normalize('NFKC');
  const phone = (MOBILE.exec(flat)?.[1] ?? LANDLINE.exec(flat)?.[1] ?? null)?.replace(/[-\s]/g, '') ?? null;
  const address = ADDRESS.exec(flat.replace(/\s+/g, ''))?.[1] ?? null;
  const type = TYPE_CUES.find(([, cue]) => cue.test(flat))?.[0] ?? null;
  const urgency: Urgency | null = CRITICAL.test(flat) ? 'critical' : URGENT.test(flat) ? 'urgent' : null;
  const categories: CategoryFlag[] = [];
  if (UTILITIES.test(flat)) categories.push('utilities');
  if (CRITICAL.test(flat)) categories.push('life_safety');
  const callerName = NAME.exec(flat)?.[1] ?? null;
  return { phone, address, type, urgency, categories, callerName };
}
