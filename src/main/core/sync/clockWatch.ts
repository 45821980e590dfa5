// Notices when the computer's clock is set (by the user or by NTP after a long error), so a
// server clock offset measured before no longer applies. The wall clock is compared with the
// time since the computer started, which a change of the time does not move: while the clock is
// left alone, "now minus uptime" (the moment the computer started, on its own clock) stays put.
// Uptime counts the time spent asleep (Linux's boot time, Windows' tick count), so waking a
// computer is not taken for a change. It also survives closing the app, so an offset saved in an
// earlier session can be checked against it.
import { uptime } from 'node:os';

/** A difference between the two clocks' progress above this means the wall clock was set. NTP's gradual corrections stay far below it. */
export const CLOCK_CHANGE_MS = 60_000;

export class ClockWatch {
  private marked: number | null = null;

  constructor(
    private readonly wall: () => number,
    private readonly sinceBoot: () => number = () => uptime() * 1000,
  ) {}

  /** When this computer started, on its wall clock as it reads now. */
  startedAt(): number {
    return this.wall() - this.sinceBoot();
  }

  /** Starts watching from now. */
  mark(): void {
    this.marked = this.startedAt();
  }

  /** True when the wall clock has moved more than CLOCK_CHANGE_MS away from uptime since mark(). */
  changed(): boolean {
    return this.marked !== null && !this.agreesWith(this.marked);
  }

  /**
   * True when `startedAt`, a value of startedAt() saved earlier (perhaps by an earlier session),
   * still holds: the same start of the computer and no clock set since. After a restart of the
   * computer it no longer holds, since the clock may have been set while it was off.
   */
  agreesWith(startedAt: number): boolean {
    return Math.abs(this.startedAt() - startedAt) <= CLOCK_CHANGE_MS;
  }
}
