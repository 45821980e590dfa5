// The CSV export as Excel in Brazil reads it: BOM, semicolons, CRLF, dd/mm/aaaa, quoted cells.
import { describe, expect, it } from 'vitest';
import type { TicketListItem } from '../../shared/ipc';
import { csvCell, ticketsToCsv } from './ticketCsv';

const ITEM: TicketListItem = {
  id: '6b0f0c7e-1d2a-4c3b-8e9f-0a1b2c3d4e5f',
  protocol: 9662,
  subject: 'Relatório; "urgente"',
  type: 'solicitacao',
  severity: 'critica',
  status: 'analise',
  createdAt: '2026-03-06T01:30:00.000Z',
  dueAt: '2026-03-06T15:00:00.000Z',
  deadline: 'no_prazo',
  rejectionCount: 1,
  organizationId: '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a01',
  department: 'Secretaria',
  pendingSync: false,
};

describe('ticketsToCsv', () => {
  const csv = ticketsToCsv([ITEM, { ...ITEM, protocol: null, subject: 'Linha\ncom quebra', department: null }]);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 BOM', () => {
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('uses semicolons in the header', () => {
    expect(lines[0]).toBe(
      'Protocolo;Assunto;Tipo;Severidade;Departamento;Situação;Data;Prazo de atendimento;Situação do prazo;Rejeições',
    );
  });

  it('writes local dates as dd/mm/aaaa', () => {
    // 01:30Z on 06/03 is 22:30 on 05/03 in São Paulo.
    expect(lines[1]).toBe('9662;"Relatório; ""urgente""";Solicitação;Crítica;Secretaria;Análise;05/03/2026;06/03/2026 12:00;No prazo;1');
  });

  it('quotes a line break and names a pending protocol', () => {
    expect(csv).toContain('aguardando envio;"Linha\ncom quebra";');
  });

  it('ends with CRLF', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('csvCell', () => {
  it.each([
    { value: '=HYPERLINK("x")', cell: `"'=HYPERLINK(""x"")"` },
    { value: '+55 13', cell: "'+55 13" },
    { value: '-1', cell: "'-1" },
    { value: '@SUM', cell: "'@SUM" },
    { value: 'Câmara', cell: 'Câmara' },
  ])('$value', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });
});
