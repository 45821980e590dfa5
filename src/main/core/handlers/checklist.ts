// Handlers of the participant's checklist and its printed page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { todayInSaoPaulo } from '../../../shared/format';
import { performAction } from '../actions';
import type { AppCore } from '../appCore';
import { createLogger, describeError } from '../log';
import { renderChecklistPage } from '../print/checklistPage';
import { getChecklist } from '../queries';
import type { HandlerGroup } from './types';

const log = createLogger('handlers');

function checklistView(core: AppCore) {
  const account = core.requireAccount();
  const organization = account.organizations().find((org) => org.id === account.user.organizationId) ?? null;
  const view = getChecklist(account.db, account.user, organization);
  // A consultant printing their own page is the consultant of record.
  if (account.user.role === 'consultor') view.consultantName = account.user.name;
  return view;
}

type ChecklistChannel =
  | 'checklist.get'
  | 'checklist.set'
  | 'checklist.print'
  | 'checklist.savePdf';

export const checklistHandlers: HandlerGroup<ChecklistChannel> = {
  'checklist.get': (core) => checklistView(core),

  'checklist.set': (core, input) => {
    const account = core.requireAccount();
    let completedOn: string | null = null;
    if (input.done) {
      completedOn = input.completedOn ?? todayInSaoPaulo(core.serverNow());
      if (completedOn > todayInSaoPaulo(core.serverNow())) {
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
    const html = renderChecklistPage(checklistView(core), core.serverNow());
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
      pdf = await core.options.printer.toPdf(renderChecklistPage(view, core.serverNow()));
    } catch (error) {
      log.error('PDF rendering failed', describeError(error));
      throw AppError.of('pdf_failed');
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, pdf);
    return { savedTo: target };
  },
};
