// stage.set: a consultant records the status and dates of an implementation stage.
//
// Conflicts: two consultants may edit the same stage, one of them offline. As with the
// checklist, a setting is applied only while the edit it was made on (`basedOn`) is still the
// stage's last one; otherwise it is rejected with code "superseded" and kept on its computer.
import { STAGE_LABELS, STAGE_STATUS_LABELS } from '../../shared/domain';
import { formatDateTime } from '../../shared/format';
import { requireConsultant, RuleViolation } from '../../shared/ticketRules';
import type { StageData } from '../../shared/wire';
import { readDocument, writeDocument } from '../sync/documents';
import { isSuperseded } from './checklist';
import type { MutationHandler } from './index';

export const setStage: MutationHandler<'stage.set'> = async (trx, mutation, auth, context) => {
  requireConsultant({ id: auth.user.id, name: auth.user.name, role: auth.user.role }, 'alterar as etapas da implantação');
  const { args } = mutation;
  const doc = await readDocument<StageData>(trx, 'stage', args.stageId);
  if (!doc || !doc.organizationId || !auth.organizationIds.includes(doc.organizationId)) {
    throw new RuleViolation('stage_not_found', 'Etapa não encontrada nas organizações que você atende.');
  }
  if (isSuperseded(args.basedOn, context.editedAt, doc.data)) {
    const when = doc.data.editedAt ? `, em ${formatDateTime(doc.data.editedAt)}` : '';
    throw new RuleViolation(
      'superseded',
      `A etapa ${STAGE_LABELS[doc.data.key]} foi alterada por outro consultor${when} (situação: ${STAGE_STATUS_LABELS[doc.data.status]}), ` +
        'e esta alteração foi feita sem ver aquela. Ela não foi aplicada: confira a etapa e, se ainda quiser esta versão, use "Tentar de novo".',
    );
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
    editedAt: context.editedAt,
    editedBy: mutation.id,
  };
  await writeDocument(trx, { entity: 'stage', id: args.stageId, organizationId: doc.organizationId, data });
};
