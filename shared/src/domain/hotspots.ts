import { Type, type Static } from 'typebox';

/**
 * 热点 (hot spots) rules shared by server and console: the 15-minute spike alert (突增预警) and repeat callers
 * (重复来电/重复诉求). One definition, used by the detector job, the routes and the console card.
 */

/**
 * The spike alert's thresholds, an admin setting (`hotspot_settings`, one row, each edit audited): the server
 * validates a saved row with this schema, the console's form uses its bounds. Absent row = `SPIKE_RULES`.
 */
export const SpikeRules = Type.Object(
  {
    /** The window counted against its baseline (minutes; also the alert's bucket). */
    windowMinutes: Type.Integer({ minimum: 5, maximum: 120 }),
    /** The baseline is the mean count per window over this many days before the window. */
    baselineDays: Type.Integer({ minimum: 1, maximum: 28 }),
    /** Fewer tickets than this in the window never alert. */
    minCount: Type.Integer({ minimum: 2, maximum: 1000 }),
    /** Alert when the window's count reaches this many times the baseline. */
    factor: Type.Number({ minimum: 1.5, maximum: 20 }),
  },
  { additionalProperties: false },
);
export type SpikeRules = Static<typeof SpikeRules>;
/** A Chinese reason the rules are unusable (beyond the schema's bounds), or null. */
export function checkSpikeRules(rules: SpikeRules): string | null {
  if ((24 * 60) % rules.windowMinutes !== 0) return '统计窗口须能整除一天（如 5、10、15、30、60 分钟）';
  return null;
}

export const SPIKE_RULES: SpikeRules = {
  /** The window counted against its baseline. */
  windowMinutes: 15,
  /** The baseline is the mean count per window over this many days before the window. */
  baselineDays: 7,
  /** Fewer tickets than this in the window never alert (a quiet matter going from 0 to 2 is no spike). */
  minCount: 5,
  /** Alert when the window's count reaches this many times the baseline. */
  factor: 3,
};

export const SPIKE_DIMENSIONS = ['matter', 'area'] as const;
export type SpikeDimension = (typeof SPIKE_DIMENSIONS)[number];

export const REPEAT_CALLER_LIMITS = {
  defaultDays: 7,
  maxDays: 90,
  /** At least this many calls or tickets from one number in the window (default). */
  defaultMinimum: 3,
} as const;
