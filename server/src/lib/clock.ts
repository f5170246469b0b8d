/** Time source handed to services so deadlines and session expiry can be tested with fake time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move forward. */
export function fakeClock(
  start: Date | string = new Date(),
): Clock & { advance(ms: number): void; set(at: Date): void } {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}
