// Handlers of a participant's checklist and its printed page. A participant reads and prints
// their own; a consultant may also read and print any participant of the organizations they serve.
import { completionDateProblem } from '../../../shared/checklistRules';
import { AppError } from '../../../shared/errors';
import { todayInSaoPaulo } from '../../../shared/format';
import type { ChecklistView } from '../../../shared/ipc';
import { performAction } from '../actions';
import type { AppCore } from '../appCore';
import { getChecklistOverview, participantChecklistView } from '../checklistOverview';
import { renderChecklistPage } from '../print/checklistPage';
import { getChecklist } from '../queries';
import { fileNamePart, printHtml, saveHtmlAsPdf } from './printing';
import { requireConsultant, type HandlerGroup } from './types';

function ownChecklistView(core: AppCore): ChecklistView {
  const account = core.requireAccount();
  const organization = account.organizations().find((org) => org.id === account.user.organizationId) ?? null;
  const view = getChecklist(account.db, account.user, organization);
  // A consultant printing their own page is the consultant of record.
  if (account.user.role === 'consultor') view.consultantName = account.user.name;
  return view;
}

/** Returns the checklist of `userId`, or the user's own when it is absent or their own id. */
function checklistViewOf(core: AppCore, userId: string | undefined): ChecklistView {
  const account = core.requireAccount();
  if (!userId || userId === account.user.id) return ownChecklistView(core);
  requireConsultant(core);
  const overview = getChecklistOverview(account.db, account.organizations(), account.user.name);
  for (const organization of overview.organizations) {
    const participant = organization.participants.find((person) => person.userId === userId);
    if (participant) return participantChecklistView(organization, participant, overview.consultantName);
  }
  throw AppError.of('not_found');
}

type ChecklistChannel =
  | 'checklist.get'
  | 'checklist.set'
  | 'checklist.print'
  | 'checklist.savePdf';

export const checklistHandlers: HandlerGroup<ChecklistChannel> = {
  'checklist.get': (core, input) => checklistViewOf(core, input.userId),

  'checklist.set': (core, input) => {
    const account = core.requireAccount();
    let completedOn: string | null = null;
    if (input.done) {
      const today = todayInSaoPaulo(core.serverNow());
      completedOn = input.completedOn ?? today;
      const problem = completionDateProblem(completedOn, today);
      if (problem) {
        const code = completedOn > today ? 'future_date' : 'invalid_input';
        throw new AppError(code, problem, [{ path: 'completedOn', message: problem }]);
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
    return ownChecklistView(core);
  },

  'checklist.print': (core, input) => printHtml(core, renderChecklistPage(checklistViewOf(core, input.userId), core.serverNow())),

  'checklist.savePdf': (core, input) => {
    const view = checklistViewOf(core, input.userId);
    return saveHtmlAsPdf(core, renderChecklistPage(view, core.serverNow()), {
      title: 'Salvar checklist em PDF',
      defaultName: `Checklist de implantação - ${fileNamePart(view.userName)}.pdf`,
    });
  },
};
