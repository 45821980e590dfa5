// stage.set: a consultant records the status and dates of an implementation stage.
import { requireConsultant, RuleViolation } from '../../shared/ticketRules';
import type { StageData } from '../../shared/wire';
import { readDocument, writeDocument } from '../sync/documents';
import type { MutationHandler } from './index';

export const setStage: MutationHandler<'stage.set'> = async (trx, mutation, auth) => {
  requireConsultant({ id: auth.user.id, name: auth.user.name, role: auth.user.role }, 'alterar as etapas da implantação');
  const { args } = mutation;
  const doc = await readDocument<StageData>(trx, 'stage', args.stageId);
  if (!doc || !doc.organizationId || !auth.organizationIds.includes(doc.organizationId)) {
    throw new RuleViolation('stage_not_found', 'Etapa não encontrada nas organizações que você atende.');
  }
  // An omitted date keeps the stored one, so the check runs on the merged pair.
  const startedOn = args.startedOn === undefined ? doc.data.startedOn : args.startedOn;
  const completedOn = args.completedOn === undefined ? doc.data.completedOn : args.completedOn;
  if (startedOn && completedOn && completedOn < startedOn) {
    throw new RuleViolation('invalid_dates', 'A data de conclusão da etapa não pode ser anterior à data de início.');
  }
  const data: StageData = {
    ...doc.data,
    status: args.status,
    startedOn,
    completedOn,
    updatedAt: new Date().toISOString(),
  };
  await writeDocument(trx, { entity: 'stage', id: args.stageId, organizationId: doc.organizationId, data });
};
