// Handlers that take tickets out of the app: the printed ticket (print dialog and PDF), the
// list as CSV, and the departments the list's filter offers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import type { AppCore } from '../appCore';
import { createLogger, describeError } from '../log';
import { renderTicketPage } from '../print/ticketPage';
import { getTicket, listTickets } from '../queries';
import { ticketsToCsv } from '../ticketCsv';
import { listDepartments } from '../ticketList';
import type { HandlerGroup } from './types';

const log = createLogger('ticket-output');

/** The CSV export takes every ticket that matches, up to this many rows. */
const CSV_MAX_ROWS = 1_000_000;

function ticketHtml(core: AppCore, ticketId: string): { html: string; protocol: number | null } {
  const account = core.requireAccount();
  const ticket = getTicket(account.db, account.blobDir, ticketId, core.serverNow());
  const organization = account.organizations().find((candidate) => candidate.id === ticket.organizationId);
  return { html: renderTicketPage(ticket, organization?.name ?? '', core.serverNow()), protocol: ticket.protocol };
}

type TicketOutputChannel = 'tickets.print' | 'tickets.savePdf' | 'tickets.exportCsv' | 'tickets.departments';

export const ticketOutputHandlers: HandlerGroup<TicketOutputChannel> = {
  'tickets.print': async (core, input) => ({ printed: await core.options.printer.print(ticketHtml(core, input.ticketId).html) }),

  'tickets.savePdf': async (core, input) => {
    const { html, protocol } = ticketHtml(core, input.ticketId);
    const target = await core.options.dialogs.chooseSavePath({
      title: 'Salvar solicitação em PDF',
      defaultName: `Solicitação ${protocol ?? 'aguardando envio'}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!target) return { savedTo: null };
    let pdf: Buffer;
    try {
      pdf = await core.options.printer.toPdf(html);
    } catch (error) {
      log.error('ticket PDF rendering failed', { ticketId: input.ticketId, ...describeError(error) });
      throw AppError.of('pdf_failed');
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, pdf);
    return { savedTo: target };
  },

  'tickets.exportCsv': async (core, input) => {
    const account = core.requireAccount();
    const { items } = listTickets(account.db, { organizationId: account.activeOrganizationId, ...input, limit: CSV_MAX_ROWS }, core.serverNow());
    const target = await core.options.dialogs.chooseSavePath({
      title: 'Exportar solicitações em CSV',
      defaultName: `Solicitações ${formatDate(core.serverNow()).replace(/\//g, '-')}.csv`,
      filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }],
    });
    if (!target) return { savedTo: null, rows: items.length };
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ticketsToCsv(items), 'utf8');
    return { savedTo: target, rows: items.length };
  },

  'tickets.departments': (core) => {
    const account = core.requireAccount();
    return listDepartments(account.db, account.activeOrganizationId);
  },
};
