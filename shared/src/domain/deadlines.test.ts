import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLOCK_POLICY,
  checkExtensionRequest,
  computeDueAt,
  computeStageTimes,
  currentStage,
  hasFinalWarning,
  describeRemaining,
  extendDue,
  remainingTime,
  resolveClockDuration,
  validateClockPolicy,
  type ClockPolicyRow,
  type ClockSubject,
} from './deadlines.js';
import { formatShanghai } from './shanghai-time.js';
import { TICKET_TYPES } from './ticket-types.js';
import { createWorkingCalendar } from './working-calendar.js';

/**
 * Explicit 2026 test calendar, only the holidays these tests cross (facts from the State Council's notice):
 * 春节 2-15 (Sun) … 2-23 (Mon) off, Saturdays 2-14 and 2-28 worked; 清明 4-06 (Mon) off;
 * 中秋 9-25 (Fri) off; 国庆 10-01 … 10-07 off, Sunday 9-20 and Saturday 10-10 worked.
 */
const cal = createWorkingCalendar({
  coveredYears: [2026],
  exceptions: [
    { date: '2026-02-14', isWorkingDay: true },
    ...['16', '17', '18', '19', '20', '23'].map((d) => ({ date: `2026-02-${d}`, isWorkingDay: false })),
    { date: '2026-02-28', isWorkingDay: true },
    { date: '2026-04-06', isWorkingDay: false },
    { date: '2026-09-20', isWorkingDay: true },
    { date: '2026-09-25', isWorkingDay: false },
    ...['01', '02', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, isWorkingDay: false })),
    { date: '2026-10-10', isWorkingDay: true },
  ],
});

/** An instant given as Shanghai wall time. */
const at = (wall: string) => new Date(`${wall}+08:00`);
const wd = (amount: number) => ({ amount, unit: 'working_days' as const });
const min = (amount: number) => ({ amount, unit: 'calendar_minutes' as const });
const sh = (d: Date) => formatShanghai(d);

describe('computeDueAt — working days count from the next working day and end at 23:59:59', () => {
  it('3-working-day consultation signed Friday 2026-02-13 10:00 crosses Spring Festival', () => {
    // counted: 2-14 (Sat, 调休上班), 2-24 (Tue), 2-25 (Wed)
    const due = computeDueAt(at('2026-02-13T10:00:00'), wd(3), cal);
    expect(sh(due)).toBe('2026-02-25 23:59:59');
    expect(due.toISOString()).toBe('2026-02-25T15:59:59.000Z');
  });

  it('1 working day from 2026-09-30 is 2026-10-08 23:59:59 (National Day week skipped)', () => {
    expect(computeDueAt(at('2026-09-30T09:00:00'), wd(1), cal).toISOString()).toBe('2026-10-08T15:59:59.000Z');
    expect(sh(computeDueAt(at('2026-09-30T23:59:00'), wd(1), cal))).toBe('2026-10-08 23:59:59');
  });

  it('1 working day from a Friday is the Monday, unless Monday is a holiday', () => {
    expect(sh(computeDueAt(at('2026-03-06T10:00:00'), wd(1), cal))).toBe('2026-03-09 23:59:59');
    expect(sh(computeDueAt(at('2026-04-03T10:00:00'), wd(1), cal))).toBe('2026-04-07 23:59:59'); // 清明 Monday
  });

  it('a clock started on a holiday counts from the first working day after it', () => {
    expect(sh(computeDueAt(at('2026-02-15T10:00:00'), wd(1), cal))).toBe('2026-02-24 23:59:59');
    expect(sh(computeDueAt(at('2026-10-03T10:00:00'), wd(3), cal))).toBe('2026-10-10 23:59:59'); // 10-08, 10-09, 10-10 (Sat, 调休上班)
  });

  it('uses the Shanghai date of the start, not the UTC one', () => {
    // 2026-02-13 00:30 in Shanghai is still 2026-02-12 in UTC
    expect(sh(computeDueAt(at('2026-02-13T00:30:00'), wd(1), cal))).toBe('2026-02-14 23:59:59');
  });

  it('callback is due the working day after the reply', () => {
    expect(sh(computeDueAt(at('2026-09-30T15:00:00'), wd(1), cal))).toBe('2026-10-08 23:59:59');
  });

  it('rejects fractional or non-positive working days', () => {
    expect(() => computeDueAt(at('2026-03-02T10:00:00'), wd(0), cal)).toThrow(RangeError);
    expect(() => computeDueAt(at('2026-03-02T10:00:00'), wd(1.5), cal)).toThrow(RangeError);
    expect(() => computeDueAt(at('2026-03-02T10:00:00'), min(-1), cal)).toThrow(RangeError);
  });
});

describe('computeDueAt — minute clocks are elapsed time', () => {
  it('crosses midnight', () => {
    expect(sh(computeDueAt(at('2026-03-02T23:50:00'), min(15), cal))).toBe('2026-03-03 00:05:00');
  });

  it('ignores holidays and weekends', () => {
    expect(sh(computeDueAt(at('2026-02-15T23:50:00'), min(15), cal))).toBe('2026-02-16 00:05:00');
    expect(sh(computeDueAt(at('2026-09-30T12:00:00'), min(1440), cal))).toBe('2026-10-01 12:00:00');
    expect(sh(computeDueAt(at('2026-10-03T23:00:00'), min(120), cal))).toBe('2026-10-04 01:00:00');
  });
});

describe('computeStageTimes — 预警, 到期, 催办, 通报', () => {
  it('3-day consultation across Spring Festival: warning 1 working day before, chase and notice skip holidays', () => {
    const start = at('2026-02-13T10:00:00');
    const due = computeDueAt(start, wd(3), cal);
    const stages = computeStageTimes({ start, due, unit: 'working_days' }, cal);
    // 75% of 3 days = 2.25 days in; 1 working day before = 2 days in (start of 2-25): the earlier wins
    expect(sh(stages.warning)).toBe('2026-02-25 00:00:00');
    expect(stages.due).toBe(due);
    expect(sh(stages.chase)).toBe('2026-02-26 00:00:00');
    // 5 working days after 2-26: 2-27, 2-28 (Sat, 调休上班), 3-02, 3-03, 3-04
    expect(sh(stages.public_notice)).toBe('2026-03-04 00:00:00');
  });

  it('1-day clock over National Day: warning at 75% of the single counted day', () => {
    const start = at('2026-09-30T10:00:00');
    const stages = computeStageTimes({ start, due: computeDueAt(start, wd(1), cal), unit: 'working_days' }, cal);
    expect(sh(stages.warning)).toBe('2026-10-08 18:00:00');
    expect(sh(stages.chase)).toBe('2026-10-09 00:00:00');
    // 10-10 (Sat, 调休上班), 10-12, 10-13, 10-14, 10-15
    expect(sh(stages.public_notice)).toBe('2026-10-15 00:00:00');
  });

  it('7-day complaint across 中秋 and 国庆: warning at 75% in working time, never inside the holiday', () => {
    const start = at('2026-09-21T09:00:00');
    const due = computeDueAt(start, wd(7), cal);
    // 9-22, 23, 24, (25 中秋) 28, 29, 30, 10-08
    expect(sh(due)).toBe('2026-10-08 23:59:59');
    const stages = computeStageTimes({ start, due, unit: 'working_days' }, cal);
    // 5.25 working days in: a quarter into the 6th counted day (9-30)
    expect(sh(stages.warning)).toBe('2026-09-30 06:00:00');
    expect(sh(stages.chase)).toBe('2026-10-09 00:00:00');
  });

  it('5-day help: the 75% point comes before "1 working day before"', () => {
    const start = at('2026-03-02T10:00:00');
    const stages = computeStageTimes({ start, due: computeDueAt(start, wd(5), cal), unit: 'working_days' }, cal);
    expect(sh(stages.warning)).toBe('2026-03-06 18:00:00'); // 3.75 days in, vs 4
  });

  it('issue 9.4: minute clock due on a holiday is chased in minutes, not on the next working day', () => {
    const start = at('2026-09-30T23:45:00');
    const due = computeDueAt(start, min(30), cal);
    const stages = computeStageTimes({ start, due, unit: 'calendar_minutes' }, cal);
    expect(sh(stages.warning)).toBe('2026-10-01 00:07:30');
    expect(hasFinalWarning(stages)).toBe(false);
    expect(sh(stages.due)).toBe('2026-10-01 00:15:00');
    expect(sh(stages.chase)).toBe('2026-10-01 00:45:00');
    expect(sh(stages.public_notice)).toBe('2026-10-01 02:45:00');
  });

  it('issue 9.4: 水电气热 sign-for due at 10:30 is chased at 11:00 the same day (eve of Spring Festival)', () => {
    const start = at('2026-02-14T10:00:00');
    const stages = computeStageTimes({ start, due: computeDueAt(start, min(30), cal), unit: 'calendar_minutes' }, cal);
    expect(sh(stages.due)).toBe('2026-02-14 10:30:00');
    expect(sh(stages.chase)).toBe('2026-02-14 11:00:00');
    expect(sh(stages.public_notice)).toBe('2026-02-14 13:00:00');
  });

  it('issue 9.5: both warnings when both apply — 75% and 1 working day before', () => {
    // 3 days across Spring Festival: 1 working day before (2 days in) first, 75% (2.25 days in) second
    const start = at('2026-02-13T10:00:00');
    const three = computeStageTimes({ start, due: computeDueAt(start, wd(3), cal), unit: 'working_days' }, cal);
    expect(sh(three.warning)).toBe('2026-02-25 00:00:00');
    expect(sh(three.final_warning)).toBe('2026-02-25 06:00:00');
    // 7 days across National Day: 75% (5.25 in) first, 1 working day before (6 in: start of 10-08) second
    const s7 = at('2026-09-21T09:00:00');
    const seven = computeStageTimes({ start: s7, due: computeDueAt(s7, wd(7), cal), unit: 'working_days' }, cal);
    expect(sh(seven.warning)).toBe('2026-09-30 06:00:00');
    expect(sh(seven.final_warning)).toBe('2026-10-08 00:00:00');
    // 4 days: 75% = 3 days in = 1 working day before → one warning
    const s4 = at('2026-03-02T10:00:00');
    const four = computeStageTimes({ start: s4, due: computeDueAt(s4, wd(4), cal), unit: 'working_days' }, cal);
    expect(hasFinalWarning(four)).toBe(false);
  });

  it('honours a configured policy', () => {
    const start = at('2026-03-02T10:00:00');
    const due = computeDueAt(start, min(100), cal);
    const stages = computeStageTimes({ start, due, unit: 'calendar_minutes' }, cal, {
      warningFraction: 0.5,
      warningWorkingDaysBefore: 0,
      chaseWorkingDaysAfterDue: 2,
      publicNoticeWorkingDaysAfterChase: 3,
      chaseMinutesAfterDue: 60,
      publicNoticeMinutesAfterChase: 240,
    });
    expect(sh(stages.warning)).toBe('2026-03-02 10:50:00');
    expect(sh(stages.chase)).toBe('2026-03-02 12:40:00');
    expect(sh(stages.public_notice)).toBe('2026-03-02 16:40:00');
  });

  it('reports the stage reached', () => {
    const start = at('2026-02-13T10:00:00');
    const stages = computeStageTimes({ start, due: computeDueAt(start, wd(3), cal), unit: 'working_days' }, cal);
    expect(currentStage(at('2026-02-20T12:00:00'), stages)).toBeNull();
    expect(currentStage(at('2026-02-25T05:00:00'), stages)).toBe('warning');
    expect(currentStage(at('2026-02-25T08:00:00'), stages)).toBe('final_warning');
    expect(currentStage(at('2026-02-25T23:59:59'), stages)).toBe('due');
    expect(currentStage(at('2026-02-27T09:00:00'), stages)).toBe('chase');
    expect(currentStage(at('2026-03-04T09:00:00'), stages)).toBe('public_notice');
  });
});

describe('extensions and remaining time', () => {
  it('extends by working days from the current due date', () => {
    expect(sh(extendDue(at('2026-09-30T23:59:59'), 1, cal))).toBe('2026-10-08 23:59:59');
    expect(sh(extendDue(at('2026-02-13T23:59:59'), 5, cal))).toBe('2026-02-27 23:59:59');
  });

  it('checks the 20-day cap, the deadline and the day-before rule', () => {
    const base = { due: at('2026-10-08T23:59:59'), requestedDays: 5, grantedDays: 0, maxTotalDays: 20 };
    const early = { ...base, now: at('2026-09-30T12:00:00'), requestByDayBefore: true };
    const result = checkExtensionRequest(early, cal);
    expect(result.ok && sh(result.newDue)).toBe('2026-10-14 23:59:59'); // 10-09, 10-10 (Sat), 10-12, 10-13, 10-14
    expect(checkExtensionRequest({ ...early, grantedDays: 16 }, cal)).toEqual({
      ok: false,
      refused: '延期累计不能超过20个工作日（已延期16个工作日）',
    });
    expect(checkExtensionRequest({ ...early, now: at('2026-10-05T10:00:00') }, cal)).toEqual({
      ok: false,
      refused: '须在办理时限到期前一个工作日内申请延期',
    });
    expect(checkExtensionRequest({ ...early, now: at('2026-10-05T10:00:00'), requestByDayBefore: false }, cal).ok).toBe(
      true,
    );
    expect(checkExtensionRequest({ ...early, now: at('2026-10-09T08:00:00') }, cal)).toEqual({
      ok: false,
      refused: '已超过办理时限，不能申请延期',
    });
    expect(checkExtensionRequest({ ...early, requestedDays: 0 }, cal).ok).toBe(false);
  });

  it('tells remaining and overdue time', () => {
    const due = at('2026-03-03T12:00:00');
    expect(remainingTime(at('2026-03-02T09:30:00'), due)).toEqual({ milliseconds: 95_400_000, overdue: false });
    expect(describeRemaining(remainingTime(at('2026-03-02T09:30:00'), due))).toBe('剩余1天2小时30分钟');
    expect(describeRemaining(remainingTime(at('2026-03-03T12:35:00'), due))).toBe('已超时35分钟');
    expect(describeRemaining(remainingTime(due, due))).toBe('剩余0分钟');
  });
});

describe('clock policy — DOMAIN §5 defaults and precedence', () => {
  const subject = (over: Partial<ClockSubject>): ClockSubject => ({
    kind: 'handling',
    type: 'consultation',
    urgency: 'normal',
    categories: [],
    ...over,
  });
  const resolve = (over: Partial<ClockSubject>) => resolveClockDuration(DEFAULT_CLOCK_POLICY, subject(over));

  it('sign-for: life/property 15 min, 水电气热 30 min, otherwise 1 working day', () => {
    expect(resolve({ kind: 'sign_for', urgency: 'critical' })).toEqual(min(15));
    expect(resolve({ kind: 'sign_for', categories: ['life_safety'] })).toEqual(min(15));
    expect(resolve({ kind: 'sign_for', categories: ['utilities'] })).toEqual(min(30));
    expect(resolve({ kind: 'sign_for', categories: ['utilities', 'life_safety'] })).toEqual(min(15));
    expect(resolve({ kind: 'sign_for', type: 'complaint', urgency: 'normal' })).toEqual(wd(1));
  });

  it('issue 9.6: 紧急 has its own rows — sign-for 2 calendar hours, handling 3 working days', () => {
    expect(resolve({ kind: 'sign_for', type: 'complaint', urgency: 'urgent' })).toEqual(min(120));
    expect(resolve({ kind: 'sign_for', urgency: 'urgent', categories: ['utilities'] })).toEqual(min(30));
    expect(resolve({ type: 'complaint', urgency: 'urgent' })).toEqual(wd(3));
    expect(resolve({ type: 'complaint', urgency: 'urgent', categories: ['complex'] })).toEqual(wd(3));
    expect(resolve({ urgency: 'urgent', categories: ['utilities'] })).toEqual(min(1440));
  });

  it('issue 9.7: 复杂件 7 working days, extendable to 15 in all', () => {
    expect(resolve({ type: 'complaint', categories: ['complex'] })).toEqual(wd(7));
    expect(resolve({ kind: 'extension', categories: ['complex'] })).toEqual(wd(8));
  });

  it('handling: 特急/life 2 h > 水电气热 24 h > complex 7 wd > per type', () => {
    expect(resolve({ urgency: 'critical' })).toEqual(min(120));
    expect(resolve({ urgency: 'critical', categories: ['utilities'] })).toEqual(min(120));
    expect(resolve({ categories: ['life_safety', 'complex'] })).toEqual(min(120));
    expect(resolve({ categories: ['utilities'] })).toEqual(min(1440));
    expect(resolve({ type: 'consultation', categories: ['complex'] })).toEqual(wd(7));
    const byType = Object.fromEntries(TICKET_TYPES.map((type) => [type, resolve({ type })?.amount]));
    expect(byType).toEqual({ consultation: 3, help: 5, complaint: 7, report: 7, suggestion: 7, praise: 7 });
  });

  it('return window, extension cap and callback', () => {
    expect(resolve({ kind: 'return_window' })).toEqual(wd(1));
    expect(resolve({ kind: 'return_window', categories: ['complex'] })).toEqual(wd(2));
    expect(resolve({ kind: 'extension' })).toEqual(wd(20));
    expect(resolve({ kind: 'callback', type: 'complaint' })).toEqual(wd(1));
  });

  it('lets an administrator add rows; ties go to the more specific row, then the earlier', () => {
    const cityRule: ClockPolicyRow = {
      kind: 'handling',
      type: 'complaint',
      urgency: 'urgent',
      category: null,
      duration: wd(2),
      priority: 260,
    };
    const rows = [...DEFAULT_CLOCK_POLICY, cityRule];
    expect(resolveClockDuration(rows, subject({ type: 'complaint', urgency: 'urgent' }))).toEqual(wd(2));
    expect(resolveClockDuration(rows, subject({ type: 'complaint' }))).toEqual(wd(7));
    const twin = { ...cityRule, duration: wd(4) };
    expect(resolveClockDuration([cityRule, twin], subject({ type: 'complaint', urgency: 'urgent' }))).toEqual(wd(2));
    expect(resolveClockDuration([], subject({}))).toBeNull();
  });

  it('validates a policy before it is saved', () => {
    expect(validateClockPolicy(DEFAULT_CLOCK_POLICY)).toEqual([]);
    const broken = DEFAULT_CLOCK_POLICY.filter((r) => r.kind !== 'callback').concat({
      ...DEFAULT_CLOCK_POLICY[0]!,
      duration: wd(1.5),
    });
    expect(validateClockPolicy(broken)).toEqual([
      '第22行：工作日时限必须是整数',
      '缺少“回访时限”的默认规则（类型、紧急程度、类别均为空）',
    ]);
  });
});
