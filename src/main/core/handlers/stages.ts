// Handlers of the implementation stages of the active organization: everyone reads them, only a
// consultant records a stage's status and dates (the server checks the role again).
import { AppError } from '../../../shared/errors';
import { todayInSaoPaulo } from '../../../shared/format';
import type { StagesView } from '../../../shared/ipc';
import { resolveStageUpdate } from '../../../shared/stageRules';
import { performAction } from '../actions';
import type { AppCore } from '../appCore';
import { listStages } from '../queries';
import { requireConsultant, type HandlerGroup } from './types';

function stagesView(core: AppCore, organizationId: string): StagesView {
  const account = core.requireAccount();
  const organization = account.organizations().find((org) => org.id === organizationId);
  return { organizationId, organizationName: organization?.name ?? '', stages: listStages(account.db, organizationId) };
}

export const stageHandlers: HandlerGroup<'stages.list' | 'stages.set'> = {
  'stages.list': (core) => stagesView(core, core.requireAccount().activeOrganizationId),

  'stages.set': (core, input) => {
    requireConsultant(core);
    const account = core.requireAccount();
    const row = account.db.prepare('SELECT organization_id FROM stages WHERE id = ?').get(input.stageId) as
      | { organization_id: string }
      | undefined;
    if (!row || !account.organizations().some((organization) => organization.id === row.organization_id)) {
      throw AppError.of('not_found');
    }
    const result = resolveStageUpdate(
      { status: input.status, startedOn: input.startedOn, completedOn: input.completedOn },
      todayInSaoPaulo(core.serverNow()),
    );
    if (!result.ok) throw new AppError('invalid_input', result.fields[0]!.message, result.fields);
    performAction(account.db, account.context(), 'stage.set', { stageId: input.stageId, ...result.value }, core.now());
    core.actionDone(['stage']);
    return stagesView(core, row.organization_id);
  },
};
