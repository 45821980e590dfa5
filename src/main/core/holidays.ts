// Holidays of the service-level policy with their names, for the guided update request. Whether
// a day is closed comes from the policy's business calendar (src/shared/sla.ts); this module
// only adds the name a user reads, such as "Tiradentes".
import Holidays from 'date-holidays';
import type { HolidayLookup } from '../../shared/guidedRequests';
import { calendarFor } from '../../shared/sla';
import type { SlaPolicyData } from '../../shared/wire';
import { addDays, isoDateOf, weekdayOf } from '../../shared/zonedTime';

// date-holidays 3.37 uses Portugal's name for this Brazilian optional holiday.
const BRAZILIAN_NAMES: Record<string, string> = { 'Corpo de Deus': 'Corpus Christi' };

const namesByPolicy = new WeakMap<SlaPolicyData, Map<number, Map<string, string>>>();

function holidayNames(policy: SlaPolicyData, year: number): Map<string, string> {
  let years = namesByPolicy.get(policy);
  if (!years) {
    years = new Map();
    namesByPolicy.set(policy, years);
  }
  let names = years.get(year);
  if (!names) {
    names = new Map();
    const { country, state } = policy.holidayRegion;
    const calendars = [new Holidays(country), ...(state ? [new Holidays(country, state)] : [])];
    for (const calendar of calendars) {
      for (const holiday of calendar.getHolidays(year)) {
        const date = holiday.date.slice(0, 10);
        if (!names.has(date)) names.set(date, BRAZILIAN_NAMES[holiday.name] ?? holiday.name);
      }
    }
    // The city's own holidays take precedence: their names are the ones the users know.
    for (const extra of policy.extraHolidays) {
      names.set(extra.date.length === 5 ? `${year}-${extra.date}` : extra.date, extra.name);
    }
    years.set(year, names);
  }
  return names;
}

function toCalendarDate(isoDate: string) {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/**
 * Returns a lookup that names the holiday on a date, or returns null on a working day and on
 * weekends: weekends are ruled out by the weekday check, not named as holidays.
 */
export function holidayLookup(policy: SlaPolicyData): HolidayLookup {
  const calendar = calendarFor(policy);
  return (isoDate) => {
    const date = toCalendarDate(isoDate);
    if (!policy.businessHours.weekdays.includes(weekdayOf(date))) return null;
    if (!calendar.isClosedDay(date)) return null;
    return holidayNames(policy, date.year).get(isoDate) ?? 'dia sem expediente';
  };
}

/** Lists the holidays on business weekdays from `from` for `days` days, with their names. */
export function holidaysAhead(policy: SlaPolicyData, from: string, days: number): Array<{ date: string; name: string }> {
  const lookup = holidayLookup(policy);
  const start = toCalendarDate(from);
  const found: Array<{ date: string; name: string }> = [];
  for (let offset = 0; offset < days; offset++) {
    const date = isoDateOf(addDays(start, offset));
    const name = lookup(date);
    if (name !== null) found.push({ date, name });
  }
  return found;
}
