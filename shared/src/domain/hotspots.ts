/**
 * 热点 (hot spots) rules shared by server and console: the 15-minute spike alert (突增预警) and repeat callers
 * (重复来电/重复诉求). One definition, used by the detector job, the routes and the console card.
 */
export const SPIKE_RULES = {
  /** The window counted against its baseline. */
  windowMinutes: 15,
  /** The baseline is the mean count per window over this many days before the window. */
  baselineDays: 7,
  /** Fewer tickets than this in the window never alert (a quiet matter going from 0 to 2 is no spike). */
  minCount: 5,
  /** Alert when the window's count reaches this many times the baseline. */
  factor: 3,
} as const;

export const SPIKE_DIMENSIONS = ['matter', 'area'] as const;
export type SpikeDimension = (typeof SPIKE_DIMENSIONS)[number];

export const REPEAT_CALLER_LIMITS = {
  defaultDays: 7,
  maxDays: 90,
  /** At least this many calls or tickets from one number in the window (default). */
  defaultMinimum: 3,
} as const;
