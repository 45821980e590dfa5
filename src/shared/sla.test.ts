// Table-driven checks of the service-level function against the procedure's levels, the
// São Paulo calendar, Santos' own holidays and the optional days the policy closes. Every time in
// the tables is São Paulo wall-clock time (UTC-3, no daylight saving since 2019) unless it ends in Z.
import { describe, expect, it } from 'vitest';
import type { Severity } from './domain';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  computeDueAt,
  deadlineState,
  DEFAULT_SLA_POLICY,
  isClosedDayAt,
  isOutsideBusinessHours,
} from './sla';
import { rejectTicket, type TicketState } from './ticketRules';
import type { SlaPolicyData } from './wire';
import { fromWallTime, toWallTime } from './zonedTime';

const ZONE = 'America/Sao_Paulo';

/** Parses "YYYY-MM-DD HH:MM" as São Paulo time, or an ISO instant ending in Z. */
function at(text: string): Date {
  if (text.endsWith('Z')) return new Date(text);
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad test time ${text}`);
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  return fromWallTime(ZONE, y!, mo!, d!, h!, mi!);
}

/** Formats an instant as "YYYY-MM-DD HH:MM" in São Paulo time. */
function local(instant: Date): string {
  const wall = toWallTime(instant, ZONE);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

const NO_OPTIONAL_DAYS: SlaPolicyData = { ...DEFAULT_SLA_POLICY, optionalClosedDays: [] };
const NO_CITY_HOLIDAYS: SlaPolicyData = { ...DEFAULT_SLA_POLICY, extraHolidays: [] };

interface DueCase {
  name: string;
  severity: Severity;
  start: string;
  due: string;
  policy?: SlaPolicyData;
}

const DUE_CASES: DueCase[] = [
  // Plain business days.
  { name: 'remote support inside one day', severity: 'suporte_remoto', start: '2026-03-02 09:00', due: '2026-03-02 11:00' },
  { name: 'remote support across closing time', severity: 'suporte_remoto', start: '2026-03-02 17:00', due: '2026-03-03 09:00' },
  { name: 'critical from opening time', severity: 'critica', start: '2026-03-02 08:00', due: '2026-03-02 12:00' },
  { name: 'critical on-site inside one day', severity: 'critica_presencial', start: '2026-03-02 08:00', due: '2026-03-02 16:00' },
  { name: 'medium spans three days', severity: 'media', start: '2026-03-02 08:00', due: '2026-03-04 12:00' },
  { name: 'before opening counts from 08:00', severity: 'suporte_remoto', start: '2026-03-02 06:00', due: '2026-03-02 10:00' },
  { name: 'after closing counts from next day', severity: 'suporte_remoto', start: '2026-03-02 19:00', due: '2026-03-03 10:00' },
  { name: 'exactly 18:00 counts from next day', severity: 'suporte_remoto', start: '2026-03-02 18:00', due: '2026-03-03 10:00' },
  // A ticket at 17:30 on a Friday.
  { name: 'Friday 17:30 remote support', severity: 'suporte_remoto', start: '2026-03-06 17:30', due: '2026-03-09 09:30' },
  { name: 'Friday 17:30 critical', severity: 'critica', start: '2026-03-06 17:30', due: '2026-03-09 11:30' },
  { name: 'Friday 17:30 critical on-site', severity: 'critica_presencial', start: '2026-03-06 17:30', due: '2026-03-09 15:30' },
  { name: 'Friday 17:30 medium', severity: 'media', start: '2026-03-06 17:30', due: '2026-03-11 11:30' },
  { name: 'Friday 17:30 PDC', severity: 'evolutiva', start: '2026-03-06 17:30', due: '2026-03-13 17:30' },
  { name: 'Saturday counts from Monday', severity: 'suporte_remoto', start: '2026-03-07 10:00', due: '2026-03-09 10:00' },
  { name: 'Sunday night counts from Monday', severity: 'suporte_remoto', start: '2026-03-08 23:00', due: '2026-03-09 10:00' },
  { name: 'PDC after hours counts from Monday', severity: 'evolutiva', start: '2026-03-06 19:00', due: '2026-03-16 08:00' },
  // Carnaval 2026: Monday 16/02 and Tuesday 17/02 closed, Ash Wednesday opens at 12:00.
  { name: 'critical before Carnaval', severity: 'critica', start: '2026-02-13 16:00', due: '2026-02-18 14:00' },
  { name: 'remote support on Carnaval Monday', severity: 'suporte_remoto', start: '2026-02-16 10:00', due: '2026-02-18 14:00' },
  { name: 'Ash Wednesday morning waits for 12:00', severity: 'suporte_remoto', start: '2026-02-18 09:00', due: '2026-02-18 14:00' },
  { name: 'Ash Wednesday afternoon counts', severity: 'suporte_remoto', start: '2026-02-18 13:00', due: '2026-02-18 15:00' },
  { name: 'PDC across Carnaval', severity: 'evolutiva', start: '2026-02-13 10:00', due: '2026-02-24 10:00' },
  { name: 'PDC from Ash Wednesday morning', severity: 'evolutiva', start: '2026-02-18 09:00', due: '2026-02-25 12:00' },
  { name: 'Carnaval open when the policy says so', severity: 'critica', start: '2026-02-13 16:00', due: '2026-02-16 10:00', policy: NO_OPTIONAL_DAYS },
  { name: 'Carnaval 2025', severity: 'critica', start: '2025-02-28 17:00', due: '2025-03-05 15:00' },
  // Corpus Christi 2026: Thursday 04/06.
  { name: 'critical before Corpus Christi', severity: 'critica', start: '2026-06-03 17:00', due: '2026-06-05 11:00' },
  { name: 'remote support on Corpus Christi', severity: 'suporte_remoto', start: '2026-06-04 10:00', due: '2026-06-05 10:00' },
  { name: 'Corpus Christi open when the policy says so', severity: 'critica', start: '2026-06-03 17:00', due: '2026-06-04 11:00', policy: NO_OPTIONAL_DAYS },
  // Santos: 26/01 (Monday in 2026) and 08/09 (Tuesday, after Independence Day on Monday 07/09).
  { name: 'critical before Santos anniversary', severity: 'critica', start: '2026-01-23 17:00', due: '2026-01-27 11:00' },
  { name: 'remote support on 26/01', severity: 'suporte_remoto', start: '2026-01-26 10:00', due: '2026-01-27 10:00' },
  { name: '07/09 and 08/09 both closed', severity: 'critica', start: '2026-09-04 17:00', due: '2026-09-09 11:00' },
  { name: '08/09 open without city holidays', severity: 'critica', start: '2026-09-04 17:00', due: '2026-09-08 11:00', policy: NO_CITY_HOLIDAYS },
  // 22:00 UTC is 19:00 in São Paulo: after closing on the same local day, not the next UTC day.
  { name: 'Friday 22:00Z is Friday evening', severity: 'suporte_remoto', start: '2026-03-06T22:00:00Z', due: '2026-03-09 10:00' },
  { name: 'Thursday 22:00Z is Thursday evening', severity: 'suporte_remoto', start: '2026-03-05T22:00:00Z', due: '2026-03-06 10:00' },
  { name: '02:00Z Tuesday is Monday night', severity: 'critica', start: '2026-03-03T02:00:00Z', due: '2026-03-03 12:00' },
  // 2025-11-21T01:00Z is 22:00 on 20/11, Consciência Negra.
  { name: '2025-11-21T01:00Z is still 20/11', severity: 'suporte_remoto', start: '2025-11-21T01:00:00Z', due: '2025-11-21 10:00' },
  { name: 'on 20/11/2025 during the day', severity: 'suporte_remoto', start: '2025-11-20 10:00', due: '2025-11-21 10:00' },
  { name: 'before Consciência Negra 2026', severity: 'critica', start: '2026-11-19 17:00', due: '2026-11-23 11:00' },
  // National and state holidays.
  { name: 'before Good Friday', severity: 'critica', start: '2026-04-02 17:00', due: '2026-04-06 11:00' },
  { name: 'before Tiradentes', severity: 'suporte_remoto', start: '2026-04-20 17:30', due: '2026-04-22 09:30' },
  { name: 'PDC across Tiradentes', severity: 'evolutiva', start: '2026-04-20 10:00', due: '2026-04-28 10:00' },
  { name: 'before São Paulo 09/07', severity: 'critica', start: '2026-07-08 17:00', due: '2026-07-10 11:00' },
  { name: 'before Finados', severity: 'suporte_remoto', start: '2026-10-30 17:00', due: '2026-11-03 09:00' },
  // Year end: 24/12 and 31/12 are working days, 25/12 and 01/01 are not.
  { name: 'Christmas Eve critical', severity: 'critica', start: '2026-12-24 17:00', due: '2026-12-28 11:00' },
  { name: 'New Year medium', severity: 'media', start: '2026-12-31 16:00', due: '2027-01-06 10:00' },
  { name: 'New Year PDC', severity: 'evolutiva', start: '2026-12-31 17:00', due: '2027-01-08 17:00' },
  { name: 'New Year Day itself', severity: 'suporte_remoto', start: '2027-01-01 10:00', due: '2027-01-04 10:00' },
];

describe('computeDueAt', () => {
  it.each(DUE_CASES)('$name', ({ severity, start, due, policy }) => {
    expect(local(computeDueAt(policy ?? DEFAULT_SLA_POLICY, severity, at(start)))).toBe(due);
  });

  it('keeps seconds of the start', () => {
    const start = new Date(at('2026-03-02 09:00').getTime() + 42_000);
    expect(computeDueAt(DEFAULT_SLA_POLICY, 'suporte_remoto', start).getTime() - at('2026-03-02 11:00').getTime()).toBe(42_000);
  });
});

describe('rejection restarts the clock', () => {
  const concluded: TicketState = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    protocol: 100,
    type: 'reclamacao',
    severity: 'critica',
    subject: 'Sistema parado',
    description: '',
    department: null,
    status: 'concluida',
    rejectionCount: 0,
    createdAt: at('2026-03-02 09:00').toISOString(),
    createdById: null,
    createdByName: 'Rafael',
    clockStartedAt: at('2026-03-02 09:00').toISOString(),
    dueAt: at('2026-03-02 13:00').toISOString(),
    attachments: [],
    solution: { finishedAt: at('2026-03-02 12:00').toISOString(), result: 'Finalizado', text: '' },
    updatedAt: at('2026-03-02 12:00').toISOString(),
  };
  const rejectedAt = at('2026-03-11 17:00');
  const outcome = rejectTicket(
    concluded,
    { ticketId: '00000000-0000-4000-8000-000000000002', reason: 'Continua parado' },
    {
      actor: { id: '00000000-0000-4000-8000-000000000003', name: 'Rafael', role: 'cliente' },
      now: rejectedAt.toISOString(),
      dueAt: (severity, clockStartedAt) => computeDueAt(DEFAULT_SLA_POLICY, severity, new Date(clockStartedAt)).toISOString(),
    },
  );

  it('counts from the rejection', () => {
    expect(outcome.ticket.clockStartedAt).toBe(rejectedAt.toISOString());
    expect(local(new Date(outcome.ticket.dueAt))).toBe('2026-03-12 11:00');
  });

  it('does not report the concluded gap as late', () => {
    expect(deadlineState(DEFAULT_SLA_POLICY, outcome.ticket, at('2026-03-11 17:10'))).toBe('no_prazo');
  });
});

interface StateCase {
  name: string;
  severity: Severity;
  start: string;
  now: string;
  status?: 'analise' | 'producao' | 'concluida';
  state: 'no_prazo' | 'proximo' | 'atrasado' | 'concluido';
}

const STATE_CASES: StateCase[] = [
  { name: 'fresh ticket is on time', severity: 'critica', start: '2026-03-02 08:00', now: '2026-03-02 09:00', state: 'no_prazo' },
  { name: 'exactly 25 % left is on time', severity: 'critica', start: '2026-03-02 08:00', now: '2026-03-02 11:00', state: 'no_prazo' },
  { name: 'under 25 % left is close', severity: 'critica', start: '2026-03-02 08:00', now: '2026-03-02 11:01', state: 'proximo' },
  { name: 'at the due time is late', severity: 'critica', start: '2026-03-02 08:00', now: '2026-03-02 12:00', state: 'atrasado' },
  { name: 'weekend does not eat the time', severity: 'suporte_remoto', start: '2026-03-06 17:30', now: '2026-03-08 12:00', state: 'no_prazo' },
  { name: 'Monday morning after weekend is close', severity: 'suporte_remoto', start: '2026-03-06 17:30', now: '2026-03-09 09:10', state: 'proximo' },
  { name: 'concluded has no deadline', severity: 'critica', start: '2026-03-02 08:00', now: '2026-03-09 12:00', status: 'concluida', state: 'concluido' },
  { name: 'PDC late a week later', severity: 'evolutiva', start: '2026-03-02 10:00', now: '2026-03-09 10:00', state: 'atrasado' },
];

describe('deadlineState', () => {
  it.each(STATE_CASES)('$name', ({ severity, start, now, status, state }) => {
    const clockStartedAt = at(start).toISOString();
    const dueAt = computeDueAt(DEFAULT_SLA_POLICY, severity, at(start)).toISOString();
    expect(deadlineState(DEFAULT_SLA_POLICY, { status: status ?? 'analise', clockStartedAt, dueAt }, at(now))).toBe(state);
  });
});

describe('business calendar', () => {
  it.each([
    { instant: '2025-11-21T01:00:00Z', closed: true },
    { instant: '2025-11-21T13:00:00Z', closed: false },
    { instant: '2026-01-26 10:00', closed: true },
    { instant: '2026-09-08 10:00', closed: true },
    { instant: '2026-02-17 10:00', closed: true },
    { instant: '2026-06-04 10:00', closed: true },
    { instant: '2026-07-09 10:00', closed: true },
    { instant: '2026-12-24 10:00', closed: false },
    { instant: '2026-03-07 10:00', closed: true },
  ])('isClosedDayAt $instant is $closed', ({ instant, closed }) => {
    expect(isClosedDayAt(DEFAULT_SLA_POLICY, at(instant))).toBe(closed);
  });

  it.each([
    { instant: '2026-03-07 10:00', outside: true },
    { instant: '2026-03-02 07:59', outside: true },
    { instant: '2026-03-02 08:00', outside: false },
    { instant: '2026-03-02 17:59', outside: false },
    { instant: '2026-03-02 18:00', outside: true },
    { instant: '2026-03-02T22:00:00Z', outside: true },
    { instant: '2026-02-18 10:00', outside: true },
    { instant: '2026-02-18 12:30', outside: false },
    { instant: '2026-01-26 10:00', outside: true },
  ])('isOutsideBusinessHours $instant is $outside', ({ instant, outside }) => {
    expect(isOutsideBusinessHours(DEFAULT_SLA_POLICY, at(instant))).toBe(outside);
  });

  it('counts business minutes over a weekend', () => {
    expect(businessMinutesBetween(DEFAULT_SLA_POLICY, at('2026-03-06 17:00'), at('2026-03-09 09:00'))).toBe(120);
  });

  it('adds zero minutes to reach the next opening', () => {
    expect(local(addBusinessMinutes(DEFAULT_SLA_POLICY, at('2026-02-14 10:00'), 0))).toBe('2026-02-18 12:00');
  });

  it('fails on a policy with no business day', () => {
    const closed: SlaPolicyData = { ...DEFAULT_SLA_POLICY, businessHours: { ...DEFAULT_SLA_POLICY.businessHours, weekdays: [] } };
    expect(() => computeDueAt(closed, 'critica', at('2026-03-02 10:00'))).toThrow(/nenhum dia útil/);
  });
});
