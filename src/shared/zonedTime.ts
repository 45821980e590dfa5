// Wall-clock arithmetic in an IANA time zone with nothing but Intl, so that the same code runs in
// the server, the main process and the renderer, whatever the machine's own time zone is.

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Returns the wall-clock time that `instant` shows in `timeZone`. */
export function toWallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/**
 * Returns the instant at which `timeZone` shows the given wall-clock time. In a gap (a clock
 * moved forward) it returns the instant just after the gap; in an overlap, the earlier one.
 */
export function fromWallTime(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset (local minus UTC) at an instant.
  const offsetAt = (instant: number) => {
    const wall = toWallTime(new Date(instant), timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - instant;
  };
  // Two candidates: the offset near the requested time, and the offset at the first candidate.
  // Around a change they differ, and each one that shows the requested time is a valid answer.
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  const shows = (instant: number) => {
    const wall = toWallTime(new Date(instant), timeZone);
    return wall.year === year && wall.month === month && wall.day === day && wall.hour === hour && wall.minute === minute;
  };
  const valid = [first, second].filter(shows);
  // Overlap: both are valid, take the earlier. Gap: neither is, take the later, which is past the jump.
  return new Date(valid.length > 0 ? Math.min(...valid) : Math.max(first, second));
}

/** Formats a local calendar date as YYYY-MM-DD. */
export function isoDateOf(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** Adds whole days to a calendar date, without any time zone involved. */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Returns the ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: { year: number; month: number; day: number }): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}
