// pt-BR formatting of dates and times (dd/mm/aaaa, 24 h), shared by the UI and the printed pages.
import { isoDateOf, toWallTime } from './zonedTime';

/** The time zone of every date the users see: the Câmara's and the vendor's. */
export const DISPLAY_TIME_ZONE = 'America/Sao_Paulo';

const pad = (value: number) => String(value).padStart(2, '0');

/** Formats an instant (ISO string or Date) as dd/mm/aaaa in São Paulo time. */
export function formatDate(instant: string | Date): string {
  const wall = toWallTime(typeof instant === 'string' ? new Date(instant) : instant, DISPLAY_TIME_ZONE);
  return `${pad(wall.day)}/${pad(wall.month)}/${wall.year}`;
}

/** Formats an instant as dd/mm/aaaa HH:mm in São Paulo time. */
export function formatDateTime(instant: string | Date): string {
  const wall = toWallTime(typeof instant === 'string' ? new Date(instant) : instant, DISPLAY_TIME_ZONE);
  return `${pad(wall.day)}/${pad(wall.month)}/${wall.year} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** Formats an instant as HH:mm in São Paulo time. */
export function formatTime(instant: string | Date): string {
  const wall = toWallTime(typeof instant === 'string' ? new Date(instant) : instant, DISPLAY_TIME_ZONE);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** Formats a calendar date YYYY-MM-DD as dd/mm/aaaa, with no time zone involved. */
export function formatCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Parses a date typed as dd/mm/aaaa (also d/m/aaaa) into YYYY-MM-DD; returns null when the text is
 * not a real calendar date.
 */
export function parseBrazilianDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return isoDateOf({ year, month, day });
}

/** Returns today's calendar date in São Paulo as YYYY-MM-DD. */
export function todayInSaoPaulo(now: Date = new Date()): string {
  return isoDateOf(toWallTime(now, DISPLAY_TIME_ZONE));
}

/** Formats a byte count the way pt-BR file dialogs do (1,5 MB). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('pt-BR', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** Writes a count with its noun in pt-BR: "1 solicitação", "1.234 solicitações". */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count.toLocaleString('pt-BR')} ${count === 1 ? singular : plural}`;
}
