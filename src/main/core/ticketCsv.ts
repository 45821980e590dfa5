// The ticket list as CSV for Excel in Brazil: UTF-8 with a byte order mark (without it Excel
// reads the file as Windows-1252 and breaks every accent), semicolons because pt-BR Excel
// uses the comma as decimal separator, CRLF line ends and dates as dd/mm/aaaa.
import { DEADLINE_STATE_LABELS, SEVERITY_LABELS, TICKET_STATUS_LABELS, TICKET_TYPE_LABELS } from '../../shared/domain';
import { formatDate, formatDateTime } from '../../shared/format';
import type { TicketListItem } from '../../shared/ipc';

const BOM = '\uFEFF';

const HEADER = [
  'Protocolo',
  'Assunto',
  'Tipo',
  'Severidade',
  'Departamento',
  'Situação',
  'Data',
  'Prazo de atendimento',
  'Situação do prazo',
  'Rejeições',
];

/**
 * Quotes a cell when it holds a separator, quote or line break. A cell that starts like a
 * formula (=, +, -, @, tab, CR) gets a leading apostrophe, so that Excel shows the text
 * instead of running it.
 */
export function csvCell(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[;"\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function ticketsToCsv(items: TicketListItem[]): string {
  const lines = [HEADER.map(csvCell).join(';')];
  for (const item of items) {
    lines.push(
      [
        item.protocol === null ? 'aguardando envio' : String(item.protocol),
        item.subject,
        TICKET_TYPE_LABELS[item.type],
        SEVERITY_LABELS[item.severity],
        item.department ?? '',
        TICKET_STATUS_LABELS[item.status],
        formatDate(item.createdAt),
        formatDateTime(item.dueAt),
        DEADLINE_STATE_LABELS[item.deadline],
        String(item.rejectionCount),
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
