import { formatShanghai } from '@hotline/shared/domain/shanghai-time';

/**
 * Element Plus' pickers work in the browser's own time zone (dayjs()). The hotline works in Beijing time whatever
 * the agent's machine says, so the picker is fed Beijing wall-clock strings ('YYYY-MM-DD HH:mm:ss') and the model
 * keeps the UTC instant. These helpers convert between the two.
 */
export const WALL_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** An instant as Beijing wall-clock time, 'YYYY-MM-DD HH:mm:ss'. */
export function toBeijingWall(instant: Date): string {
  return formatShanghai(instant);
}

/** A Beijing wall-clock time ('YYYY-MM-DD HH:mm[:ss]') as the ISO instant it names. */
export function fromBeijingWall(wall: string): string {
  const [date, time = '00:00:00'] = wall.trim().split(/[ T]/);
  const withSeconds = time.length === 5 ? `${time}:00` : time;
  return new Date(`${date}T${withSeconds}+08:00`).toISOString();
}

/**
 * A Date whose LOCAL wall clock reads the given Beijing wall-clock time: what Element Plus needs for a shortcut or a
 * default value, as it reads Dates in the browser's zone.
 */
export function wallAsLocalDate(wall: string): Date {
  const [y, mo, d, h, mi, s] = wall.split(/[-: T]/).map(Number);
  return new Date(y!, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
}

/** 此刻 in Beijing, as a Date the picker reads in the browser's zone. */
export function beijingNowForPicker(now: Date = new Date()): Date {
  return wallAsLocalDate(toBeijingWall(now));
}
