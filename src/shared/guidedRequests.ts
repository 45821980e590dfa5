// Guided requests of the maintenance and backup policies. The vendor updates a platform only on
// a Monday, Tuesday or Wednesday booked at least one week ahead, and a copy of the database
// contains the data and never the program's code. Both requests become ordinary tickets, so
// they work offline. The main process checks the date with these functions, and the UI uses
// them to explain a rejected date at once.
import type { Severity, TicketType } from './domain';
import { formatCalendarDate } from './format';
import { addDays, isoDateOf, weekdayOf } from './zonedTime';
import { isIsoDate } from './checklistRules';

/** ISO weekdays (1 = Monday) on which the vendor updates a platform. */
export const UPDATE_WEEKDAYS: readonly number[] = [1, 2, 3];
/** Minimum days between the request and the update. */
export const UPDATE_MIN_LEAD_DAYS = 7;

/** Ticket type and severity of both guided requests: a support task for the support team. */
export const GUIDED_TICKET_TYPE: TicketType = 'solicitacao';
export const GUIDED_TICKET_SEVERITY: Severity = 'suporte_remoto';

const WEEKDAY_NAMES: Record<number, string> = {
  1: 'segunda-feira',
  2: 'terça-feira',
  3: 'quarta-feira',
  4: 'quinta-feira',
  5: 'sexta-feira',
  6: 'sábado',
  7: 'domingo',
};

/** Returns the name of a holiday on a date (YYYY-MM-DD), or null on a working day. */
export type HolidayLookup = (isoDate: string) => string | null;

const noHolidays: HolidayLookup = () => null;

export type UpdateDateCheck =
  | { ok: true }
  | {
      ok: false;
      reason: 'invalid' | 'too_soon' | 'weekday' | 'holiday';
      /** A pt-BR sentence that explains why the date is rejected and which date would do. */
      message: string;
      /** The first acceptable date on or after the refused one, or null for an invalid text. */
      suggestion: string | null;
    };

function shift(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return isoDateOf(addDays({ year, month, day }, days));
}

function weekdayOfIso(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return weekdayOf({ year, month, day });
}

/** Returns the weekday's pt-BR name, such as "segunda-feira". */
export function weekdayName(isoDate: string): string {
  return WEEKDAY_NAMES[weekdayOfIso(isoDate)]!;
}

/** Writes a date as "segunda-feira, 14/12/2026". */
export function describeDay(isoDate: string): string {
  return `${weekdayName(isoDate)}, ${formatCalendarDate(isoDate)}`;
}

function isUpdateDay(isoDate: string, holidayName: HolidayLookup): boolean {
  return UPDATE_WEEKDAYS.includes(weekdayOfIso(isoDate)) && holidayName(isoDate) === null;
}

/**
 * Returns the first date on which an update may be booked today, or on or after `from` when
 * that is later. Searches one year ahead, which always contains a Monday to Wednesday that is not
 * a holiday.
 */
export function earliestUpdateDate(today: string, holidayName: HolidayLookup = noHolidays, from?: string): string {
  const minimum = shift(today, UPDATE_MIN_LEAD_DAYS);
  let candidate = from && from > minimum ? from : minimum;
  for (let step = 0; step < 366; step++) {
    if (isUpdateDay(candidate, holidayName)) return candidate;
    candidate = shift(candidate, 1);
  }
  throw new Error(`no update day within a year of ${today}`);
}

/** Checks the date of a platform update request made `today` (both YYYY-MM-DD, São Paulo time). */
export function checkUpdateDate(date: string, today: string, holidayName: HolidayLookup = noHolidays): UpdateDateCheck {
  if (!isIsoDate(date)) {
    return { ok: false, reason: 'invalid', message: 'Data inválida. Digite a data no formato dd/mm/aaaa.', suggestion: null };
  }
  const minimum = shift(today, UPDATE_MIN_LEAD_DAYS);
  if (date < minimum) {
    const suggestion = earliestUpdateDate(today, holidayName);
    return {
      ok: false,
      reason: 'too_soon',
      message:
        `A atualização precisa ser pedida com pelo menos ${UPDATE_MIN_LEAD_DAYS} dias de antecedência, por isso a data deve ser ` +
        `a partir de ${formatCalendarDate(minimum)}. A primeira data possível é ${describeDay(suggestion)}.`,
      suggestion,
    };
  }
  const weekday = weekdayOfIso(date);
  if (!UPDATE_WEEKDAYS.includes(weekday)) {
    const suggestion = earliestUpdateDate(today, holidayName, date);
    const article = weekday >= 6 ? 'um' : 'uma';
    return {
      ok: false,
      reason: 'weekday',
      message:
        `A atualização só é feita de segunda a quarta-feira, e ${formatCalendarDate(date)} é ${article} ${WEEKDAY_NAMES[weekday]}. ` +
        `A próxima data possível é ${describeDay(suggestion)}.`,
      suggestion,
    };
  }
  const holiday = holidayName(date);
  if (holiday !== null) {
    const suggestion = earliestUpdateDate(today, holidayName, date);
    return {
      ok: false,
      reason: 'holiday',
      message:
        `${formatCalendarDate(date)} é feriado (${holiday}) e não há atualização em feriados. ` +
        `A próxima data possível é ${describeDay(suggestion)}.`,
      suggestion,
    };
  }
  return { ok: true };
}

function withNote(paragraphs: string[], note: string | undefined): string {
  const trimmed = note?.trim();
  return [...paragraphs, ...(trimmed ? [`Observações: ${trimmed}`] : [])].join('\n\n');
}

/** The subject and description of a platform update request for an accepted date. */
export function platformUpdateTicket(date: string, note?: string): { subject: string; description: string } {
  return {
    subject: `Atualização da plataforma em ${formatCalendarDate(date)} (${weekdayName(date)})`,
    description: withNote(
      [
        `Solicito a atualização da plataforma para ${describeDay(date)}.`,
        `Pedido feito com pelo menos ${UPDATE_MIN_LEAD_DAYS} dias de antecedência, para uma segunda, terça ou quarta-feira, ` +
          'como pede a Política de manutenção e atualização.',
      ],
      note,
    ),
  };
}

/** The subject and description of a database copy request. */
export function databaseCopyTicket(note?: string): { subject: string; description: string } {
  return {
    subject: 'Cópia do banco de dados da plataforma',
    description: withNote(
      [
        'Solicito o envio de uma cópia da base de dados da plataforma.',
        'Estou ciente de que serão enviados somente os dados inseridos e gerados pela plataforma. ' +
          'A estrutura de código de programação das ferramentas não é enviada, como diz a Política de backup.',
      ],
      note,
    ),
  };
}
