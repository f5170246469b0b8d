import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_POLICY } from '@hotline/shared/domain/deadlines';
import { OFFICIAL_2026_EXCEPTIONS } from '@hotline/shared/domain/official-calendar-2026';
import { createWorkingCalendar } from '@hotline/shared/domain/working-calendar';
import { formatShanghai } from '@hotline/shared/domain/shanghai-time';
import type { ClockStage } from '@hotline/shared/domain/ticket-types';
import { nextUnfiredStage, stagesToFire, type ClockTiming } from './clock-stages.js';

const calendar = createWorkingCalendar({ exceptions: OFFICIAL_2026_EXCEPTIONS, coveredYears: [2026] });
const at = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`);

// 7 working days from Friday 2026-02-13 10:00 across Spring Festival: warning 2-28 06:00, due 3-02 23:59:59,
// chase 3-03 00:00, public notice 3-10 00:00.
const handling: ClockTiming = {
  kind: 'handling',
  unit: 'working_days',
  startedAt: at('2026-02-13 10:00:00'),
  dueAt: at('2026-03-02 23:59:59'),
};

describe('stagesToFire', () => {
  it('fires nothing before the requested stage is reached (a job that arrived early)', () => {
    expect(
      stagesToFire(handling, 'warning', new Set(), at('2026-02-28 05:59:00'), calendar, DEFAULT_STAGE_POLICY),
    ).toEqual([]);
  });

  it('catches up the earlier unfired stages in ladder order, up to the requested one', () => {
    const now = at('2026-03-20 00:00:00');
    expect(stagesToFire(handling, 'chase', new Set(), now, calendar, DEFAULT_STAGE_POLICY)).toEqual([
      'warning',
      'final_warning',
      'due',
      'chase',
    ]);
    expect(
      stagesToFire(
        handling,
        'chase',
        new Set(['warning', 'final_warning', 'due']),
        now,
        calendar,
        DEFAULT_STAGE_POLICY,
      ),
    ).toEqual(['chase']);
  });

  it('the return window only has a due stage', () => {
    const window: ClockTiming = { ...handling, kind: 'return_window' };
    expect(stagesToFire(window, 'due', new Set(), at('2026-03-20 00:00:00'), calendar, DEFAULT_STAGE_POLICY)).toEqual([
      'due',
    ]);
    expect(nextUnfiredStage(window, new Set(['due']), calendar, DEFAULT_STAGE_POLICY)).toBeNull();
  });
});

describe('nextUnfiredStage', () => {
  it('walks the ladder warning → final warning (issue 9.5) → due → chase → public notice', () => {
    const fired = new Set<ClockStage>();
    const seen: string[] = [];
    for (let next = nextUnfiredStage(handling, fired, calendar, DEFAULT_STAGE_POLICY); next;) {
      seen.push(`${next.stage} ${formatShanghai(next.at)}`);
      fired.add(next.stage);
      next = nextUnfiredStage(handling, fired, calendar, DEFAULT_STAGE_POLICY);
    }
    expect(seen).toEqual([
      'warning 2026-02-28 06:00:00',
      'final_warning 2026-03-02 00:00:00',
      'due 2026-03-02 23:59:59',
      'chase 2026-03-03 00:00:00',
      'public_notice 2026-03-10 00:00:00',
    ]);
  });
});

describe('minute clocks (issue 9.4)', () => {
  it('a 30-minute 水电气热 sign-for due at 10:30 is chased at 11:00, not the next working day', () => {
    const signFor: ClockTiming = {
      kind: 'sign_for',
      unit: 'calendar_minutes',
      startedAt: at('2026-02-14 10:00:00'),
      dueAt: at('2026-02-14 10:30:00'),
    };
    const next = nextUnfiredStage(signFor, new Set(['warning', 'due']), calendar, DEFAULT_STAGE_POLICY);
    expect(next && `${next.stage} ${formatShanghai(next.at)}`).toBe('chase 2026-02-14 11:00:00');
  });
});
