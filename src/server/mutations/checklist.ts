// checklist.set: a participant ticks or unticks one of their own seven items.
//
// Conflicts: the same participant may edit the same item on two computers while offline. The
// edit the participant made last wins, judged by when they made it (the mutation's createdAt
// moved onto the server's clock), not by which computer synced last and not by which completion
// date is later: a later date may just be a typing mistake corrected on the other computer.
// A losing edit is rejected with code "superseded", so its computer keeps what the user typed in
// its unsynced list. Between edits made at the same instant, the one that arrives later wins.
import { CHECKLIST_ITEMS, checklistEntryId } from '../../shared/domain';
import { formatCalendarDate, formatDateTime, todayInSaoPaulo } from '../../shared/format';
import { RuleViolation } from '../../shared/ticketRules';
import type { ChecklistItemData } from '../../shared/wire';
import { readDocument, writeDocument } from '../sync/documents';
import type { MutationHandler } from './index';

/** Returns whether an incoming edit was made before the stored one, and so loses to it. */
export function isSuperseded(incomingEditedAt: string, storedEditedAt: string): boolean {
  return Date.parse(incomingEditedAt) < Date.parse(storedEditedAt);
}

function describe(item: ChecklistItemData): string {
  return item.done && item.completedOn ? `concluída em ${formatCalendarDate(item.completedOn)}` : 'não concluída';
}

export const setChecklistItem: MutationHandler<'checklist.set'> = async (trx, mutation, auth, context) => {
  const { args } = mutation;
  if (!auth.organizationIds.includes(auth.user.organization_id)) {
    throw new RuleViolation(
      'not_a_participant',
      'Você não participa mais da implantação desta organização; a alteração do checklist não foi aplicada.',
    );
  }
  const now = new Date();
  let completedOn: string | null = null;
  if (args.done) {
    completedOn = args.completedOn ?? todayInSaoPaulo(now);
    if (completedOn > todayInSaoPaulo(now)) {
      throw new RuleViolation('future_date', 'A data de conclusão não pode estar no futuro.');
    }
  }

  const id = checklistEntryId(auth.user.id, args.itemId);
  const existing = await readDocument<ChecklistItemData>(trx, 'checklistItem', id);
  const storedEditedAt = existing?.data.editedAt;
  if (existing && storedEditedAt) {
    if (isSuperseded(context.editedAt, storedEditedAt)) {
      const title = CHECKLIST_ITEMS.find((item) => item.id === args.itemId)?.title ?? args.itemId;
      throw new RuleViolation(
        'superseded',
        `A atividade ${args.itemId} – ${title} foi alterada depois, em ${formatDateTime(storedEditedAt)}, ` +
          `em outro computador (${describe(existing.data)}). Esta alteração, mais antiga, não foi aplicada.`,
      );
    }
  }

  const data: ChecklistItemData = {
    userId: auth.user.id,
    organizationId: auth.user.organization_id,
    itemId: args.itemId,
    done: args.done,
    completedOn,
    // A missing note keeps the one already there; null or an empty text clears it.
    note: args.note === undefined ? (existing?.data.note ?? null) : args.note?.trim() || null,
    updatedAt: now.toISOString(),
    editedAt: context.editedAt,
    editedBy: mutation.id,
  };
  await writeDocument(trx, {
    entity: 'checklistItem',
    id,
    organizationId: auth.user.organization_id,
    ownerUserId: auth.user.id,
    data,
  });
};
