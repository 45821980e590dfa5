// Notices when the computer's clock is set (by the user or by NTP after a long error), so a
// server clock offset measured before no longer applies. The wall clock is compared with a
// monotonic one, which a change of the time does not move.
import { performance } from 'node:perf_hooks';

/**
 * A difference between the two clocks' progress above this means the wall clock was set. NTP's
 * gradual corrections stay far below it. On Linux the monotonic clock stops during suspend, so
 * waking a computer that slept longer than this also counts as a change: the offset is then
 * measured again on the next answer, which costs nothing but a null offset meanwhile.
 */
export const CLOCK_CHANGE_MS = 60_000;

export class ClockWatch {
  private marked: { wall: number; monotonic: number } | null = null;

  constructor(private readonly wall: () => number) {}

  /** Starts watching from now. */
  mark(): void {
    this.marked = { wall: this.wall(), monotonic: performance.now() };
  }

  /** True when the wall clock has moved more than CLOCK_CHANGE_MS away from the monotonic one since mark(). */
  changed(): boolean {
    if (!this.marked) return false;
    const drift = this.wall() - this.marked.wall - (performance.now() - this.marked.monotonic);
    return Math.abs(drift) > CLOCK_CHANGE_MS;
  }
}
