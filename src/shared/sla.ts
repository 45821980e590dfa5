// Service-level deadlines. One function computes a ticket's due time for the server and the
// client alike: the server's dueAt is the one that counts, the client shows its own until then.
// Imports date-holidays, so the renderer asks the main process instead of importing this file.
import Holidays from 'date-holidays';
import type { DeadlineState, Severity } from './domain';
import type { SlaPolicyData } from './wire';
import { addDays, fromWallTime, isoDateOf, toWallTime, weekdayOf } from './zonedTime';

type CalendarDate = { year: number; month: number; day: number };

/** A business day's opening window in minutes after local midnight, or null when closed. */
type OpeningWindow = { startMinute: number; endMinute: number } | null;

const MINUTE_MS = 60_000;

function parseClock(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Business calendar of one policy: which local days are open and from when to when. */
export class BusinessCalendar {
  private readonly closedByYear = new Map<number, Set<string>>();
  private readonly morningClosedByYear = new Map<number, Set<string>>();
  private readonly openMinute: number;
  private readonly closeMinute: number;

  constructor(readonly policy: SlaPolicyData) {
    this.openMinute = parseClock(policy.businessHours.start);
    this.closeMinute = parseClock(policy.businessHours.end);
  }

  /** Returns whether the local calendar date is a non-working day (weekend or holiday). */
  isClosedDay(date: CalendarDate): boolean {
    if (!this.policy.businessHours.weekdays.includes(weekdayOf(date))) return true;
    return this.closedDays(date.year).has(isoDateOf(date));
  }

  openingWindow(date: CalendarDate): OpeningWindow {
    if (this.isClosedDay(date)) return null;
    let startMinute = this.openMinute;
    if (this.morningClosedDays(date.year).has(isoDateOf(date))) startMinute = Math.max(startMinute, 12 * 60);
    if (startMinute >= this.closeMinute) return null;
    return { startMinute, endMinute: this.closeMinute };
  }

  /** Returns the length of a full business day in minutes. */
  get businessDayMinutes(): number {
    return this.closeMinute - this.openMinute;
  }

  private closedDays(year: number): Set<string> {
    let days = this.closedByYear.get(year);
    if (!days) {
      days = this.computeClosedDays(year);
      this.closedByYear.set(year, days);
    }
    return days;
  }

  private morningClosedDays(year: number): Set<string> {
    let days = this.morningClosedByYear.get(year);
    if (!days) {
      days = new Set();
      if (this.policy.optionalClosedDays.includes('quarta_cinzas')) {
        const easter = this.easterOf(year);
        if (easter) days.add(isoDateOf(addDays(easter, -46)));
      }
      this.morningClosedByYear.set(year, days);
    }
    return days;
  }

  private computeClosedDays(year: number): Set<string> {
    const days = new Set<string>();
    const { country, state } = this.policy.holidayRegion;
    // National holidays come from the country alone as well: date-holidays 3.37 leaves
    // Consciência Negra (20/11) out of BR-SP although it is national since 2024.
    const calendars = [new Holidays(country)];
    if (state) calendars.push(new Holidays(country, state));
    for (const calendar of calendars) {
      for (const holiday of calendar.getHolidays(year)) {
        if (holiday.type === 'public') days.add(holiday.date.slice(0, 10));
      }
    }
    for (const extra of this.policy.extraHolidays) {
      days.add(extra.date.length === 5 ? `${year}-${extra.date}` : extra.date);
    }
    const easter = this.easterOf(year);
    if (easter) {
      if (this.policy.optionalClosedDays.includes('carnaval')) {
        days.add(isoDateOf(addDays(easter, -48)));
        days.add(isoDateOf(addDays(easter, -47)));
      }
      if (this.policy.optionalClosedDays.includes('corpus_christi')) days.add(isoDateOf(addDays(easter, 60)));
    }
    return days;
  }

  private easterOf(year: number): CalendarDate | null {
    const easter = new Holidays(this.policy.holidayRegion.country)
      .getHolidays(year)
      .find((holiday) => holiday.rule === 'easter');
    if (!easter) return null;
    const [y, m, d] = easter.date.slice(0, 10).split('-').map(Number);
    return { year: y ?? year, month: m ?? 1, day: d ?? 1 };
  }
}

// Calendars by the policy's content: each ticket read from a database parses its own copy of
// the same policy, and building a calendar (date-holidays rules) costs far more than hashing it.
const calendars = new Map<string, BusinessCalendar>();
const MAX_CACHED_CALENDARS = 16;

export function calendarFor(policy: SlaPolicyData): BusinessCalendar {
  const key = JSON.stringify(policy);
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= MAX_CACHED_CALENDARS) calendars.clear();
    calendar = new BusinessCalendar(policy);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** Returns the number of business minutes a severity allows. */
export function allowedBusinessMinutes(policy: SlaPolicyData, severity: Severity): number {
  const duration = policy.durations[severity];
  if ('hours' in duration) return Math.round(duration.hours * 60);
  return duration.businessDays * calendarFor(policy).businessDayMinutes;
}

/**
 * Adds business minutes to an instant: time outside business hours, on weekends and on
 * holidays does not count. A start outside business hours counts from the next opening.
 */
export function addBusinessMinutes(policy: SlaPolicyData, start: Date, minutes: number): Date {
  const calendar = calendarFor(policy);
  const zone = policy.timeZone;
  let remaining = minutes;
  let cursor = start.getTime();
  // Ten years of closed days is far beyond any service level; the bound only stops a
  // policy without a single business day from looping forever.
  for (let guard = 0; guard < 3660; guard++) {
    const wall = toWallTime(new Date(cursor), zone);
    const window = calendar.openingWindow(wall);
    if (window) {
      const opensAt = fromWallTime(zone, wall.year, wall.month, wall.day, 0, window.startMinute).getTime();
      const closesAt = fromWallTime(zone, wall.year, wall.month, wall.day, 0, window.endMinute).getTime();
      if (cursor < opensAt) cursor = opensAt;
      if (cursor < closesAt) {
        const available = (closesAt - cursor) / MINUTE_MS;
        if (remaining <= available) return new Date(cursor + remaining * MINUTE_MS);
        remaining -= available;
      }
    }
    const next = addDays(wall, 1);
    cursor = fromWallTime(zone, next.year, next.month, next.day).getTime();
  }
  throw new Error('A política de prazos não tem nenhum dia útil nos próximos dez anos.');
}

/** Counts the business minutes between two instants (0 when `end` is not after `start`). */
export function businessMinutesBetween(policy: SlaPolicyData, start: Date, end: Date): number {
  const calendar = calendarFor(policy);
  const zone = policy.timeZone;
  let total = 0;
  let cursor = start.getTime();
  const stop = end.getTime();
  while (cursor < stop) {
    const wall = toWallTime(new Date(cursor), zone);
    const next = addDays(wall, 1);
    const nextMidnight = fromWallTime(zone, next.year, next.month, next.day).getTime();
    const window = calendar.openingWindow(wall);
    if (window) {
      const opensAt = fromWallTime(zone, wall.year, wall.month, wall.day, 0, window.startMinute).getTime();
      const closesAt = fromWallTime(zone, wall.year, wall.month, wall.day, 0, window.endMinute).getTime();
      const from = Math.max(cursor, opensAt);
      const to = Math.min(stop, closesAt);
      if (to > from) total += (to - from) / MINUTE_MS;
    }
    cursor = nextMidnight;
  }
  return total;
}

/** Returns the first business instant at or after `start`: `start` itself during opening hours. */
export function nextBusinessInstant(policy: SlaPolicyData, start: Date): Date {
  return addBusinessMinutes(policy, start, 0);
}

/**
 * Adds whole business days: the due time is the same clock time on the `days`-th business day
 * after the start, as "5 dias úteis" reads. A start outside business hours counts from the next
 * opening. A half day (Ash Wednesday) counts as a business day, and a clock time outside that
 * day's window moves to its nearest edge.
 */
export function addBusinessDays(policy: SlaPolicyData, start: Date, days: number): Date {
  const calendar = calendarFor(policy);
  const zone = policy.timeZone;
  const opened = nextBusinessInstant(policy, start);
  const begin = toWallTime(opened, zone);
  const minuteOfDay = begin.hour * 60 + begin.minute;
  let date: CalendarDate = { year: begin.year, month: begin.month, day: begin.day };
  let counted = 0;
  for (let guard = 0; counted < days; guard++) {
    if (guard > 3660) throw new Error('A política de prazos não tem dias úteis suficientes nos próximos dez anos.');
    date = addDays(date, 1);
    if (calendar.openingWindow(date)) counted++;
  }
  const window = calendar.openingWindow(date)!;
  const minute = Math.min(Math.max(minuteOfDay, window.startMinute), window.endMinute);
  const due = fromWallTime(zone, date.year, date.month, date.day, 0, minute).getTime();
  // Seconds carry over unless the clock time was moved to the window's edge.
  const seconds = minute === minuteOfDay ? opened.getTime() % MINUTE_MS : 0;
  return new Date(due + seconds);
}

/**
 * Computes when a ticket of this severity is due, counted from when its clock started: the
 * moment the server received the ticket, or its last rejection. Hour-based levels count
 * business minutes; the PDC level counts business days.
 */
export function computeDueAt(policy: SlaPolicyData, severity: Severity, clockStartedAt: Date): Date {
  const duration = policy.durations[severity];
  if ('businessDays' in duration) return addBusinessDays(policy, clockStartedAt, duration.businessDays);
  return addBusinessMinutes(policy, clockStartedAt, allowedBusinessMinutes(policy, severity));
}

/** Returns whether the local calendar day of an instant is closed (weekend or holiday). */
export function isClosedDayAt(policy: SlaPolicyData, instant: Date): boolean {
  return calendarFor(policy).isClosedDay(toWallTime(instant, policy.timeZone));
}

/**
 * Classifies a ticket's deadline: late once due, close when less than 25 % of its business
 * time is left. A concluded ticket has no running deadline.
 */
export function deadlineState(
  policy: SlaPolicyData,
  ticket: { status: string; clockStartedAt: string; dueAt: string },
  now: Date,
): DeadlineState {
  if (ticket.status === 'concluida') return 'concluido';
  const due = new Date(ticket.dueAt);
  if (now.getTime() >= due.getTime()) return 'atrasado';
  const start = new Date(ticket.clockStartedAt);
  const total = businessMinutesBetween(policy, start, due);
  const left = businessMinutesBetween(policy, now, due);
  if (total > 0 && left / total < 0.25) return 'proximo';
  return 'no_prazo';
}

/** Returns whether an instant falls outside business hours, when a critical stop needs the on-call phone. */
export function isOutsideBusinessHours(policy: SlaPolicyData, instant: Date): boolean {
  const wall = toWallTime(instant, policy.timeZone);
  const window = calendarFor(policy).openingWindow(wall);
  if (!window) return true;
  const minute = wall.hour * 60 + wall.minute;
  return minute < window.startMinute || minute >= window.endMinute;
}

/** The service levels the vendor's procedure sets, with Santos' own holidays. */
export const DEFAULT_SLA_POLICY: SlaPolicyData = {
  timeZone: 'America/Sao_Paulo',
  businessHours: { start: '08:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] },
  durations: {
    suporte_remoto: { hours: 2 },
    critica: { hours: 4 },
    critica_presencial: { hours: 8 },
    media: { hours: 24 },
    evolutiva: { businessDays: 5 },
  },
  onCallPhone: '(00) 0000-0000',
  holidayRegion: { country: 'BR', state: 'SP' },
  extraHolidays: [
    { date: '01-26', name: 'Aniversário de Santos' },
    { date: '09-08', name: 'Nossa Senhora do Monte Serrat (padroeira de Santos)' },
  ],
  optionalClosedDays: ['carnaval', 'quarta_cinzas', 'corpus_christi'],
};
