// Handlers of the consultant's overview of every participant's checklist, and its printed
// document. Clients are refused here as well as in the UI.
import { AppError } from '../../../shared/errors';
import type { ConsultantOverview } from '../../../shared/ipc';
import type { AppCore } from '../appCore';
import { getChecklistOverview } from '../checklistOverview';
import { renderOverviewDocument } from '../print/overviewDocument';
import { fileNamePart, printHtml, saveHtmlAsPdf } from './printing';
import { requireConsultant, type HandlerGroup } from './types';

/** Builds the overview of every organization the consultant serves, or of one of them. */
function overviewOf(core: AppCore, organizationId?: string): ConsultantOverview {
  requireConsultant(core);
  const account = core.requireAccount();
  const organizations = account.organizations().filter((organization) => !organizationId || organization.id === organizationId);
  if (organizationId && organizations.length === 0) throw AppError.of('not_found');
  return getChecklistOverview(account.db, organizations, account.user.name);
}

type OverviewChannel = 'checklist.overview' | 'checklist.printOverview' | 'checklist.saveOverviewPdf';

export const checklistOverviewHandlers: HandlerGroup<OverviewChannel> = {
  'checklist.overview': (core) => overviewOf(core),

  'checklist.printOverview': (core, input) => printHtml(core, renderOverviewDocument(overviewOf(core, input.organizationId), core.serverNow())),

  'checklist.saveOverviewPdf': (core, input) => {
    const overview = overviewOf(core, input.organizationId);
    const scope = input.organizationId ? fileNamePart(overview.organizations[0]!.name) : 'todas as organizações';
    return saveHtmlAsPdf(core, renderOverviewDocument(overview, core.serverNow()), {
      title: 'Salvar checklists dos participantes em PDF',
      defaultName: `Checklists de implantação - ${scope}.pdf`,
    });
  },
};
