// Handlers of tickets and their attachments. Rules that depend on the role are checked here as
// well as on the server, so the IPC cannot be used to do what the UI does not offer.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { SOLUTION_TEXT_REQUIRED } from '../../../shared/ticketRules';
import { performAction, requireTicket } from '../actions';
import type { AppCore } from '../appCore';
import { getTicket, listTickets } from '../queries';
import { blobPath, findBlob, stageBlob } from '../store/blobs';
import { ensureBlob } from './attachmentFiles';
import { requireConsultant, type HandlerGroup } from './types';

function ticketDetail(core: AppCore, ticketId: string) {
  const account = core.requireAccount();
  return getTicket(account.db, account.blobDir, ticketId, core.serverNow());
}

type TicketChannel =
  | 'tickets.list'
  | 'tickets.get'
  | 'tickets.create'
  | 'tickets.reject'
  | 'tickets.comment'
  | 'tickets.setStatus'
  | 'tickets.solve'
  | 'attachments.stage'
  | 'attachments.save';

export const ticketHandlers: HandlerGroup<TicketChannel> = {
  'tickets.list': (core, input) => {
    const account = core.requireAccount();
    return listTickets(account.db, { organizationId: account.activeOrganizationId, ...input }, core.serverNow());
  },

  'tickets.get': (core, input) => ticketDetail(core, input.ticketId),

  'tickets.create': (core, input) => {
    const account = core.requireAccount();
    const attachments = input.attachmentIds.map((sha256) => {
      const blob = findBlob(account.db, sha256);
      if (!blob || !existsSync(blobPath(account.blobDir, sha256))) {
        throw AppError.of('attachment_missing', { fileName: blob?.fileName ?? sha256.slice(0, 12) });
      }
      return blob;
    });
    const ticketId = newId();
    performAction(
      account.db,
      account.context(),
      'ticket.create',
      {
        ticketId,
        organizationId: account.activeOrganizationId,
        type: input.type,
        severity: input.severity,
        subject: input.subject,
        description: input.description,
        department: input.department?.trim() ? input.department.trim() : null,
        attachments,
      },
      core.now(),
    );
    core.actionDone(['ticket']);
    return { ticketId };
  },

  'tickets.reject': (core, input) => {
    const account = core.requireAccount();
    const ticket = requireTicket(account.db, input.ticketId);
    if (ticket.status !== 'concluida') throw AppError.of('ticket_not_concluded');
    // The solution the user read: if the server holds another one, the rejection is refused.
    const seen = ticket.solution?.finishedAt;
    performAction(account.db, account.context(), 'ticket.reject', { ...input, ...(seen ? { solutionFinishedAt: seen } : {}) }, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'tickets.comment': (core, input) => {
    const account = core.requireAccount();
    requireTicket(account.db, input.ticketId);
    performAction(account.db, account.context(), 'ticket.comment', input, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'tickets.setStatus': (core, input) => {
    requireConsultant(core);
    const account = core.requireAccount();
    const ticket = requireTicket(account.db, input.ticketId);
    // The status the consultant saw: if the server holds another one, the change is rejected.
    performAction(account.db, account.context(), 'ticket.setStatus', { ...input, fromStatus: ticket.status }, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'tickets.solve': (core, input) => {
    requireConsultant(core);
    const account = core.requireAccount();
    requireTicket(account.db, input.ticketId);
    if (!input.text.trim()) throw new AppError('invalid_input', SOLUTION_TEXT_REQUIRED, [{ path: 'text', message: SOLUTION_TEXT_REQUIRED }]);
    performAction(account.db, account.context(), 'ticket.solve', input, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'attachments.stage': (core, input) => {
    const account = core.requireAccount();
    return stageBlob(account.db, account.blobDir, input, account.attachmentLimit());
  },

  'attachments.save': async (core, input) => {
    const file = await ensureBlob(core, input.sha256, input.fileName);
    const target = await core.options.dialogs.chooseSavePath({ title: 'Salvar anexo', defaultName: input.fileName });
    if (!target) return { savedTo: null };
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    return { savedTo: target };
  },
};
