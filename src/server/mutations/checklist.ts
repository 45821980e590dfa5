// checklist.set: a participant ticks or unticks one of their own seven items.
import { checklistEntryId } from '../../shared/domain';
import { todayInSaoPaulo } from '../../shared/format';
import { RuleViolation } from '../../shared/ticketRules';
import type { ChecklistItemData } from '../../shared/wire';
import { writeDocument } from '../sync/documents';
import type { MutationHandler } from './index';

export const setChecklistItem: MutationHandler<'checklist.set'> = async (trx, mutation, auth) => {
  const { args } = mutation;
  const now = new Date();
  let completedOn: string | null = null;
  if (args.done) {
    completedOn = args.completedOn ?? todayInSaoPaulo(now);
    if (completedOn > todayInSaoPaulo(now)) {
      throw new RuleViolation('future_date', 'A data de conclusão não pode estar no futuro.');
    }
  }
  const data: ChecklistItemData = {
    userId: auth.user.id,
    organizationId: auth.user.organization_id,
    itemId: args.itemId,
    done: args.done,
    completedOn,
    note: args.note?.trim() || null,
    updatedAt: now.toISOString(),
  };
  await writeDocument(trx, {
    entity: 'checklistItem',
    id: checklistEntryId(auth.user.id, args.itemId),
    organizationId: auth.user.organization_id,
    ownerUserId: auth.user.id,
    data,
  });
};
