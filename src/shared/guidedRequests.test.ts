import { describe, expect, it } from 'vitest';
import {
  checkUpdateDate,
  databaseCopyTicket,
  describeDay,
  earliestUpdateDate,
  platformUpdateTicket,
  type HolidayLookup,
} from './guidedRequests';

// 2026-12-04 is a Friday.
const FRIDAY = '2026-12-04';
const noHolidays: HolidayLookup = () => null;

describe('checkUpdateDate weekdays and lead time', () => {
  it.each([
    // [today, requested date, expected reason or 'ok', suggested date]
    [FRIDAY, '2026-12-14', 'ok', null], // Monday, 10 days ahead
    [FRIDAY, '2026-12-15', 'ok', null], // Tuesday
    [FRIDAY, '2026-12-16', 'ok', null], // Wednesday
    [FRIDAY, '2026-12-17', 'weekday', '2026-12-21'], // Thursday
    [FRIDAY, '2026-12-18', 'weekday', '2026-12-21'], // Friday
    [FRIDAY, '2026-12-19', 'weekday', '2026-12-21'], // Saturday
    [FRIDAY, '2026-12-20', 'weekday', '2026-12-21'], // Sunday
    [FRIDAY, '2026-12-11', 'weekday', '2026-12-14'], // exactly 7 days, but a Friday
    [FRIDAY, '2026-12-09', 'too_soon', '2026-12-14'], // Wednesday, 5 days ahead
    [FRIDAY, '2026-12-07', 'too_soon', '2026-12-14'], // Monday, 3 days ahead
    [FRIDAY, FRIDAY, 'too_soon', '2026-12-14'], // today
    [FRIDAY, '2026-11-30', 'too_soon', '2026-12-14'], // a past Monday
    ['2026-12-07', '2026-12-14', 'ok', null], // Monday to Monday: exactly 7 days
    ['2026-12-08', '2026-12-14', 'too_soon', '2026-12-15'], // 6 days
    ['2026-12-09', '2026-12-16', 'ok', null], // Wednesday to Wednesday
    ['2026-12-10', '2026-12-16', 'too_soon', '2026-12-21'], // Thursday: next week's Wednesday is 6 days away
  ])('today %s, date %s: %s', (today, date, expected, suggestion) => {
    const check = checkUpdateDate(date, today, noHolidays);

    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    expect(check.ok ? null : check.suggestion).toBe(suggestion);
  });
});

describe('checkUpdateDate across the year end', () => {
  it.each([
    ['2026-12-21', '2026-12-28', 'ok', null], // Monday 28 December
    ['2026-12-23', '2026-12-30', 'ok', null], // Wednesday 30 December
    ['2026-12-24', '2026-12-31', 'weekday', '2027-01-04'], // Thursday 31 December
    ['2026-12-24', '2027-01-01', 'weekday', '2027-01-04'], // New Year's Day is a Friday in 2027
    ['2026-12-28', '2027-01-04', 'ok', null], // the first Monday of 2027
    ['2026-12-30', '2027-01-05', 'too_soon', '2027-01-06'],
    ['2027-12-27', '2028-01-03', 'ok', null], // 2028 begins on a Saturday
  ])('today %s, date %s: %s', (today, date, expected, suggestion) => {
    const check = checkUpdateDate(date, today, noHolidays);

    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    expect(check.ok ? null : check.suggestion).toBe(suggestion);
  });
});

describe('checkUpdateDate holidays', () => {
  const holidays: Record<string, string> = { '2026-12-14': 'Feriado municipal', '2026-12-15': 'Ponte', '2027-01-04': 'Recesso' };
  const lookup: HolidayLookup = (date) => holidays[date] ?? null;

  it('names the holiday and skips to the next free day', () => {
    const check = checkUpdateDate('2026-12-14', FRIDAY, lookup);

    expect(check).toEqual({
      ok: false,
      reason: 'holiday',
      message: '14/12/2026 é feriado (Feriado municipal) e não há atualização em feriados. A próxima data possível é quarta-feira, 16/12/2026.',
      suggestion: '2026-12-16',
    });
  });

  it('too soon suggests past holidays', () => {
    const check = checkUpdateDate('2026-12-08', FRIDAY, lookup);

    expect(check.ok ? null : check.suggestion).toBe('2026-12-16');
  });

  it('a holiday Monday moves the earliest date', () => {
    expect(earliestUpdateDate('2026-12-28', lookup)).toBe('2027-01-05');
  });

  it('holiday on a weekday not allowed anyway reports the weekday', () => {
    const check = checkUpdateDate('2026-12-17', FRIDAY, (date) => (date === '2026-12-17' ? 'Feriado' : null));

    expect(check.ok ? 'ok' : check.reason).toBe('weekday');
  });
});

describe('checkUpdateDate messages', () => {
  it('weekday message names the day and the next date', () => {
    const check = checkUpdateDate('2026-12-17', FRIDAY, noHolidays);

    expect(check.ok ? '' : check.message).toBe(
      'A atualização só é feita de segunda a quarta-feira, e 17/12/2026 é uma quinta-feira. A próxima data possível é segunda-feira, 21/12/2026.',
    );
  });

  it('weekend message uses the right article', () => {
    const check = checkUpdateDate('2026-12-19', FRIDAY, noHolidays);

    expect(check.ok ? '' : check.message).toContain('19/12/2026 é um sábado.');
  });

  it('too soon message gives the minimum and the first date', () => {
    const check = checkUpdateDate('2026-12-07', FRIDAY, noHolidays);

    expect(check.ok ? '' : check.message).toBe(
      'A atualização precisa ser pedida com pelo menos 7 dias de antecedência, por isso a data deve ser a partir de 11/12/2026. ' +
        'A primeira data possível é segunda-feira, 14/12/2026.',
    );
  });

  it.each(['2026-02-30', '14/12/2026', '', '2026-12-1'])('invalid text %j', (date) => {
    expect(checkUpdateDate(date, FRIDAY, noHolidays)).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Data inválida. Digite a data no formato dd/mm/aaaa.',
      suggestion: null,
    });
  });
});

describe('earliestUpdateDate', () => {
  it.each([
    ['2026-12-04', '2026-12-14'], // Friday
    ['2026-12-05', '2026-12-14'], // Saturday
    ['2026-12-06', '2026-12-14'], // Sunday
    ['2026-12-07', '2026-12-14'], // Monday
    ['2026-12-08', '2026-12-15'], // Tuesday
    ['2026-12-09', '2026-12-16'], // Wednesday
    ['2026-12-10', '2026-12-21'], // Thursday
  ])('requested on %s: %s', (today, earliest) => {
    expect(earliestUpdateDate(today)).toBe(earliest);
  });

  it('never before a later start', () => {
    expect(earliestUpdateDate(FRIDAY, noHolidays, '2027-03-04')).toBe('2027-03-08');
  });
});

describe('guided request texts', () => {
  it('update names the date in subject and description', () => {
    const ticket = platformUpdateTicket('2026-12-14', '  Depois das 14h.  ');

    expect(ticket.subject).toBe('Atualização da plataforma em 14/12/2026 (segunda-feira)');
    expect(ticket.description).toBe(
      'Solicito a atualização da plataforma para segunda-feira, 14/12/2026.\n\n' +
        'Pedido feito com pelo menos 7 dias de antecedência, para uma segunda, terça ou quarta-feira, como pede a Política de manutenção e atualização.\n\n' +
        'Observações: Depois das 14h.',
    );
  });

  it('database copy states data only', () => {
    const ticket = databaseCopyTicket();

    expect(ticket.subject).toBe('Cópia do banco de dados da plataforma');
    expect(ticket.description).toContain('serão enviados somente os dados inseridos e gerados pela plataforma');
    expect(ticket.description).toContain('A estrutura de código de programação das ferramentas não é enviada');
    expect(ticket.description).not.toContain('Observações');
  });

  it('blank note adds nothing', () => {
    expect(databaseCopyTicket('   ').description).toBe(databaseCopyTicket().description);
  });

  it('describeDay writes weekday and date', () => {
    expect(describeDay('2027-01-06')).toBe('quarta-feira, 06/01/2027');
  });
});
