/** Time as a parameter: every time-dependent function receives a Clock (or a Date) instead of calling new Date(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads a fixed instant and can be moved by tests and the CLI (`reminders run --at`). */
export function createFixedClock(start: string | Date): Clock & { set(d: string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
