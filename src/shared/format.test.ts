// pt-BR dates: São Paulo time whatever the machine's zone, and dd/mm/aaaa typed by users.
import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatFileSize, parseBrazilianDate, todayInSaoPaulo } from './format';
import { addDays, fromWallTime, toWallTime, weekdayOf } from './zonedTime';

describe('formatting in São Paulo time', () => {
  it.each([
    ['2025-11-21T01:00:00Z', '20/11/2025 22:00'],
    ['2026-01-01T02:59:00Z', '31/12/2025 23:59'],
    ['2026-12-04T12:00:00Z', '04/12/2026 09:00'],
    // São Paulo was at UTC-3 in September 2017 and at UTC-2 in December 2018 (daylight saving time).
    ['2017-09-05T20:29:00Z', '05/09/2017 17:29'],
    ['2018-12-01T12:00:00Z', '01/12/2018 10:00'],
  ])('%s shows as %s', (instant, expected) => {
    expect(formatDateTime(instant)).toBe(expected);
  });

  it('date drops the time', () => {
    expect(formatDate('2025-11-21T01:00:00Z')).toBe('20/11/2025');
  });

  it('today follows São Paulo', () => {
    expect(todayInSaoPaulo(new Date('2026-01-01T02:00:00Z'))).toBe('2025-12-31');
  });

  it('calendar date needs no zone', () => {
    expect(formatCalendarDate('2026-11-02')).toBe('02/11/2026');
  });
});

describe('parseBrazilianDate', () => {
  it.each([
    ['02/11/2026', '2026-11-02'],
    ['2/1/2026', '2026-01-02'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('%s parses to %s', (text, expected) => {
    expect(parseBrazilianDate(text)).toBe(expected);
  });

  it.each(['31/02/2026', '29/02/2025', '2026-11-02', '11/2026', '', '32/01/2026', '00/01/2026'])('%s is rejected', (text) => {
    expect(parseBrazilianDate(text)).toBeNull();
  });
});

describe('zoned wall time', () => {
  it('round-trips a wall time', () => {
    const instant = fromWallTime('America/Sao_Paulo', 2026, 3, 7, 10, 0);

    expect(instant.toISOString()).toBe('2026-03-07T13:00:00.000Z');
    expect(toWallTime(instant, 'America/Sao_Paulo')).toMatchObject({ year: 2026, month: 3, day: 7, hour: 10, minute: 0, weekday: 6 });
  });

  it('skips the spring-forward gap', () => {
    // 15/10/2017 00:00 did not exist in São Paulo: clocks went from 23:59 to 01:00.
    expect(toWallTime(fromWallTime('America/Sao_Paulo', 2017, 10, 15, 0, 0), 'America/Sao_Paulo').hour).toBe(1);
  });

  it('adds days across year end', () => {
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it('weekday is ISO', () => {
    expect(weekdayOf({ year: 2026, month: 12, day: 6 })).toBe(7);
    expect(weekdayOf({ year: 2026, month: 12, day: 7 })).toBe(1);
  });
});

describe('formatFileSize', () => {
  it.each([
    [512, '512 B'],
    [1536, '1,5 KB'],
    [25 * 1024 * 1024, '25 MB'],
  ])('%i bytes is %s', (bytes, expected) => {
    expect(formatFileSize(bytes)).toBe(expected);
  });
});

describe('deadlines across a daylight-saving change', () => {
  it('counts through the 2017 spring-forward night', async () => {
    const { computeDueAt, DEFAULT_SLA_POLICY } = await import('./sla');
    // Clocks skipped 15/10/2017 00:00–01:00. Five business days from Tue 10/10 17:00, with the
    // 12/10 holiday (Nossa Senhora Aparecida) and the weekend skipped, end on Wed 18/10 17:00.
    const due = computeDueAt(DEFAULT_SLA_POLICY, 'evolutiva', fromWallTime('America/Sao_Paulo', 2017, 10, 10, 17, 0));

    expect(formatDateTime(due)).toBe('18/10/2017 17:00');
  });
});
