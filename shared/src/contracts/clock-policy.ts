import { Type, type Static } from 'typebox';
import { CATEGORY_FLAGS, CLOCK_KINDS, CLOCK_UNITS, TICKET_TYPES, URGENCIES } from '../domain/ticket-types.js';
import { Nullable, StringEnum } from './common.js';

/** 时限规则: one row; a null dimension matches any ticket. */
export const ClockRule = Type.Object({
  kind: StringEnum(CLOCK_KINDS),
  type: Nullable(StringEnum(TICKET_TYPES)),
  urgency: Nullable(StringEnum(URGENCIES)),
  category: Nullable(StringEnum(CATEGORY_FLAGS)),
  duration: Type.Object({
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 525_600, description: '时长（分钟或工作日）' }),
    unit: StringEnum(CLOCK_UNITS),
  }),
  priority: Type.Integer({ minimum: -10_000, maximum: 10_000, description: '匹配多条规则时，优先级高者生效' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ClockRule = Static<typeof ClockRule>;

export const ClockSettings = Type.Object({
  warningFraction: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: '用时达到该比例时预警（默认0.75）' }),
  warningWorkingDaysBefore: Type.Integer({ minimum: 0, maximum: 30 }),
  chaseWorkingDaysAfterDue: Type.Integer({ minimum: 1, maximum: 30 }),
  publicNoticeWorkingDaysAfterChase: Type.Integer({ minimum: 1, maximum: 60 }),
  // The four settings below are optional on PUT (an older console keeps the stored values); GET always has them.
  chaseMinutesAfterDue: Type.Optional(
    Type.Number({ minimum: 1, maximum: 10_080, description: '分钟/小时时限：到期后多少分钟催办' }),
  ),
  publicNoticeMinutesAfterChase: Type.Optional(
    Type.Number({ minimum: 1, maximum: 43_200, description: '分钟/小时时限：催办后多少分钟通报' }),
  ),
  autoSignOnSignForDue: Type.Boolean({ description: '签收时限到期时自动签收' }),
  reviewPausesClock: Type.Optional(Type.Boolean({ description: '退单审核、反馈审核期间暂停承办单位的时限' })),
  resumeMinimumMinutes: Type.Optional(
    Type.Number({ minimum: 0, maximum: 10_080, description: '退单被驳回后至少保留的时间（分钟）' }),
  ),
});
export type ClockSettings = Static<typeof ClockSettings>;

/** The whole table and the warning/chase/notice ladder; saved as a whole (整表替换). */
export const ClockPolicy = Type.Object({
  rules: Type.Array(ClockRule, { minItems: 1, maxItems: 500 }),
  settings: ClockSettings,
});
export type ClockPolicy = Static<typeof ClockPolicy>;
