// ClockWatch tells a set wall clock from the normal passing of time.
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
});
