// Holidays of the default service-level policy (national, São Paulo state and Santos) as the
// guided update request uses them: names for the user, and the dates an update may not take.
import { describe, expect, it } from 'vitest';
import { checkUpdateDate } from '../../shared/guidedRequests';
import { DEFAULT_SLA_POLICY } from '../../shared/sla';
import { holidayLookup, holidaysAhead } from './holidays';

const lookup = holidayLookup(DEFAULT_SLA_POLICY);

describe('holidayLookup', () => {
  it.each([
    ['2026-04-21', 'Dia de Tiradentes'],
    ['2027-01-26', 'Aniversário de Santos'],
    ['2027-09-08', 'Nossa Senhora do Monte Serrat (padroeira de Santos)'],
    ['2027-02-08', 'Carnaval'],
    ['2027-05-27', 'Corpus Christi'],
    ['2028-11-20', 'Dia da Consciência Negra'],
    ['2028-12-25', 'Natal'],
    ['2029-01-01', 'Ano Novo'],
  ])('%s is %s', (date, name) => {
    expect(lookup(date)).toBe(name);
  });

  it.each([
    ['a working Monday', '2026-12-14'],
    ['Ash Wednesday, open from noon', '2027-02-10'],
    ['Christmas Eve, an optional day', '2026-12-24'],
    ['a holiday on a Saturday', '2027-05-01'],
    ['a plain Sunday', '2026-12-06'],
  ])('%s has none', (_case, date) => {
    expect(lookup(date)).toBeNull();
  });

  it('lists the coming weekday holidays', () => {
    expect(holidaysAhead(DEFAULT_SLA_POLICY, '2026-12-04', 40)).toEqual([
      { date: '2026-12-25', name: 'Natal' },
      { date: '2027-01-01', name: 'Ano Novo' },
    ]);
  });
});

describe('update dates on holidays', () => {
  it.each([
    // [today, requested date, expected reason or 'ok', suggested date]
    ['2026-04-10', '2026-04-21', 'holiday', '2026-04-22'], // Tiradentes on a Tuesday
    ['2027-01-29', '2027-02-08', 'holiday', '2027-02-10'], // Carnaval Monday and Tuesday
    ['2027-01-29', '2027-02-09', 'holiday', '2027-02-10'],
    ['2027-01-29', '2027-02-10', 'ok', null], // Ash Wednesday afternoon is open
    ['2027-01-15', '2027-01-26', 'holiday', '2027-01-27'], // Santos' anniversary on a Tuesday
    ['2027-08-30', '2027-09-07', 'holiday', '2027-09-13'], // Independence, then Santos' patron saint
    ['2027-04-12', '2027-04-21', 'holiday', '2027-04-26'], // Tiradentes on a Wednesday
    ['2028-11-10', '2028-11-20', 'holiday', '2028-11-21'], // Consciência Negra, national since 2024
    ['2028-12-15', '2028-12-25', 'holiday', '2028-12-26'], // Christmas on a Monday
    ['2028-12-20', '2029-01-01', 'holiday', '2029-01-02'], // New Year on a Monday
    ['2028-12-20', '2029-01-02', 'ok', null],
  ])('today %s, date %s: %s', (today, date, expected, suggestion) => {
    const check = checkUpdateDate(date, today, lookup);

    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    expect(check.ok ? null : check.suggestion).toBe(suggestion);
  });

  it('message names the holiday', () => {
    const check = checkUpdateDate('2026-04-21', '2026-04-10', lookup);

    expect(check.ok ? '' : check.message).toBe(
      '21/04/2026 é feriado (Dia de Tiradentes) e não há atualização em feriados. A próxima data possível é quarta-feira, 22/04/2026.',
    );
  });
});
