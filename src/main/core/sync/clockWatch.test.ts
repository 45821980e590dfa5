// ClockWatch tells a set wall clock from the normal passing of time, sleep included, in this
// session and against a value saved by an earlier one.
import { describe, expect, it } from 'vitest';
import { CLOCK_CHANGE_MS, ClockWatch } from './clockWatch';

function watchWith(start: number) {
  let wall = start;
  const watch = new ClockWatch(() => wall);
  return { watch, move: (ms: number) => (wall += ms) };
}

describe('ClockWatch', () => {
  it('unmarked watch reports no change', () => {
    const { watch, move } = watchWith(0);
    move(10 * CLOCK_CHANGE_MS);

    expect(watch.changed()).toBe(false);
  });

  it('steady clock is unchanged', () => {
    const { watch, move } = watchWith(Date.parse('2026-03-02T12:00:00Z'));
    watch.mark();
    move(1_000);

    expect(watch.changed()).toBe(false);
  });

  it.each([
    { name: 'set forward', jump: 2 * CLOCK_CHANGE_MS },
    { name: 'set back', jump: -2 * CLOCK_CHANGE_MS },
  ])('$name is a change', ({ jump }) => {
    const { watch, move } = watchWith(Date.parse('2026-03-02T12:00:00Z'));
    watch.mark();
    move(jump);

    expect(watch.changed()).toBe(true);
  });

  it('mark starts over', () => {
    const { watch, move } = watchWith(Date.parse('2026-03-02T12:00:00Z'));
    watch.mark();
    move(3 * CLOCK_CHANGE_MS);
    watch.mark();

    expect(watch.changed()).toBe(false);
  });

  it('sleep is not a change', () => {
    // Both clocks advance while the computer sleeps: uptime counts the time asleep.
    let wall = Date.parse('2026-03-02T18:00:00Z');
    let sinceBoot = 3_600_000;
    const watch = new ClockWatch(() => wall, () => sinceBoot);
    watch.mark();
    wall += 14 * 3_600_000;
    sinceBoot += 14 * 3_600_000;

    expect(watch.changed()).toBe(false);
  });

  it('saved start holds until the clock is set or the computer restarts', () => {
    let wall = Date.parse('2026-03-02T12:00:00Z');
    let sinceBoot = 600_000;
    const watch = new ClockWatch(() => wall, () => sinceBoot);
    const saved = watch.startedAt();
    wall += 3_600_000;
    sinceBoot += 3_600_000;
    expect(watch.agreesWith(saved)).toBe(true);

    wall += 3 * 3_600_000;
    expect(watch.agreesWith(saved)).toBe(false);

    sinceBoot = 30_000;
    wall = Date.parse('2026-03-03T08:00:00Z');
    expect(watch.agreesWith(saved)).toBe(false);
  });
});
