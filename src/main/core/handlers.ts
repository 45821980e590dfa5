// IPC handlers, one per channel of the contract. Inputs arrive already validated by AppCore;
// rules that depend on the role are checked here as well as on the server, so the IPC cannot
// be used to do what the UI does not offer.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import { todayInSaoPaulo } from '../../shared/format';
import type { Channel, ChannelOutput, IPC_INPUTS } from '../../shared/ipc';
import { computeDueAt, isOutsideBusinessHours } from '../../shared/sla';
import type { z } from 'zod';
import type { AuthResponse } from '../../shared/wire';
import { performAction, requireTicket } from './actions';
import { signInError, type AppCore } from './appCore';
import { createLogger, describeError } from './log';
import { renderChecklistPage } from './print/checklistPage';
import { getChecklist, getTicket, listContacts, listTickets, readPolicy } from './queries';
import { blobPath, findBlob, recordDownloadedBlob, stageBlob, writeBlob } from './store/blobs';
import { normalizeServerUrl, SacApi } from './sync/sacApi';

const log = createLogger('handlers');

type Input<C extends Channel> = z.output<(typeof IPC_INPUTS)[C]>;
type Handler<C extends Channel> = (core: AppCore, input: Input<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

function requireConsultant(core: AppCore): void {
  if (core.requireAccount().user.role !== 'consultor') throw AppError.of('forbidden');
}

function checklistView(core: AppCore) {
  const account = core.requireAccount();
  const organization = account.organizations().find((org) => org.id === account.user.organizationId) ?? null;
  const view = getChecklist(account.db, account.user, organization);
  // A consultant printing their own page is the consultant of record.
  if (account.user.role === 'consultor') view.consultantName = account.user.name;
  return view;
}

function parseServerUrl(input: string): string {
  try {
    return normalizeServerUrl(input);
  } catch {
    throw new AppError('invalid_input', 'Endereço do servidor inválido. Use o formato https://sac.exemplo.com.br.', [
      { path: 'serverUrl', message: 'Endereço inválido.' },
    ]);
  }
}

async function signIn(core: AppCore, serverUrl: string, request: (api: SacApi) => Promise<AuthResponse>) {
  const url = parseServerUrl(serverUrl);
  const api = new SacApi({ serverUrl: url });
  let response;
  try {
    response = await request(api);
  } catch (error) {
    throw signInError(error, url);
  }
  await core.closeAccount();
  core.sessions.save({ serverUrl: url, user: response.user, token: response.token });
  core.openAccount(url, response.user, response.token);
  const info = core.sessionInfo();
  core.emit('session.changed', info);
  return info;
}

function ticketDetail(core: AppCore, ticketId: string) {
  const account = core.requireAccount();
  return getTicket(account.db, account.blobDir, ticketId, core.now());
}

export const HANDLERS: { [C in Channel]: Handler<C> } = {
  'session.get': (core) => core.sessionInfo(),

  'auth.login': (core, input) =>
    signIn(core, input.serverUrl, (api) => api.login({ email: input.email, password: input.password })),

  'auth.register': (core, input) =>
    signIn(core, input.serverUrl, (api) =>
      api.register({ name: input.name, email: input.email, password: input.password, inviteCode: input.inviteCode }),
    ),

  'auth.logout': async (core) => {
    const account = core.currentAccount;
    if (account) {
      // Best effort: offline, the token is still forgotten on this computer.
      await account.api.logout().catch((error: unknown) => log.info('logout not sent to server', describeError(error)));
    }
    await core.closeAccount();
    core.sessions.clear();
    const info = core.sessionInfo();
    core.emit('session.changed', info);
    return info;
  },

  'organization.select': (core, input) => {
    const account = core.requireAccount();
    if (!account.organizations().some((organization) => organization.id === input.organizationId)) {
      throw AppError.of('forbidden');
    }
    account.selectOrganization(input.organizationId);
    core.emit('data.changed', { entities: ['ticket', 'organization'] });
    return core.sessionInfo();
  },

  'sync.status': (core) => core.syncStatus(),
  'sync.now': (core) => core.requireAccount().engine.syncNow(),
  'network.changed': (core, input) => {
    core.currentAccount?.engine.networkChanged(input.online);
    return core.syncStatus();
  },

  'tickets.list': (core, input) => {
    const account = core.requireAccount();
    return listTickets(account.db, { organizationId: account.activeOrganizationId, ...input }, core.now());
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
    const ticketId = randomUUID();
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
    if (requireTicket(account.db, input.ticketId).status !== 'concluida') throw AppError.of('ticket_not_concluded');
    performAction(account.db, account.context(), 'ticket.reject', input, core.now());
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
    requireTicket(account.db, input.ticketId);
    performAction(account.db, account.context(), 'ticket.setStatus', input, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'tickets.solve': (core, input) => {
    requireConsultant(core);
    const account = core.requireAccount();
    requireTicket(account.db, input.ticketId);
    performAction(account.db, account.context(), 'ticket.solve', input, core.now());
    core.actionDone(['ticket']);
    return ticketDetail(core, input.ticketId);
  },

  'attachments.stage': (core, input) => {
    const account = core.requireAccount();
    return stageBlob(account.db, account.blobDir, input, account.attachmentLimit());
  },

  'attachments.save': async (core, input) => {
    const account = core.requireAccount();
    const file = blobPath(account.blobDir, input.sha256);
    if (!existsSync(file)) {
      const bytes = await account.api.downloadAttachment(input.sha256).catch((error: unknown) => {
        throw error instanceof AppError ? error : AppError.of('offline');
      });
      writeBlob(account.blobDir, bytes);
      recordDownloadedBlob(account.db, { sha256: input.sha256, size: bytes.length, contentType: '', fileName: input.fileName });
    }
    const target = await core.options.dialogs.chooseSavePath({ title: 'Salvar anexo', defaultName: input.fileName });
    if (!target) return { savedTo: null };
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    return { savedTo: target };
  },

  'checklist.get': (core) => checklistView(core),

  'checklist.set': (core, input) => {
    const account = core.requireAccount();
    let completedOn: string | null = null;
    if (input.done) {
      completedOn = input.completedOn ?? todayInSaoPaulo(core.now());
      if (completedOn > todayInSaoPaulo(core.now())) {
        throw new AppError('future_date', AppError.of('future_date').message, [
          { path: 'completedOn', message: 'Data no futuro.' },
        ]);
      }
    }
    performAction(
      account.db,
      account.context(),
      'checklist.set',
      { itemId: input.itemId, done: input.done, completedOn, ...(input.note !== undefined ? { note: input.note } : {}) },
      core.now(),
    );
    core.actionDone(['checklistItem']);
    return checklistView(core);
  },

  'checklist.print': async (core) => {
    const html = renderChecklistPage(checklistView(core), core.now());
    return { printed: await core.options.printer.print(html) };
  },

  'checklist.savePdf': async (core) => {
    const view = checklistView(core);
    const target = await core.options.dialogs.chooseSavePath({
      title: 'Salvar checklist em PDF',
      defaultName: `Checklist de implantação - ${view.userName}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!target) return { savedTo: null };
    let pdf: Buffer;
    try {
      pdf = await core.options.printer.toPdf(renderChecklistPage(view, core.now()));
    } catch (error) {
      log.error('PDF rendering failed', describeError(error));
      throw AppError.of('pdf_failed');
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, pdf);
    return { savedTo: target };
  },

  'contacts.list': (core) => listContacts(core.requireAccount().db),
  'policy.get': (core) => readPolicy(core.requireAccount().db),

  'sla.preview': (core, input) => {
    const policy = readPolicy(core.requireAccount().db);
    const now = core.now();
    return {
      dueAt: computeDueAt(policy, input.severity, now).toISOString(),
      outsideBusinessHours: isOutsideBusinessHours(policy, now),
      onCallPhone: policy.onCallPhone,
    };
  },
};
