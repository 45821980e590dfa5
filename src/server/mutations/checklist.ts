// checklist.set: a participant ticks or unticks one of their own seven items.
//
// Conflicts: the same participant may edit the same item on two computers while offline. A
// setting names the edit it was made on (`basedOn`), and it is applied only while that is still
// the item's last edit. An edit made without seeing another one is rejected with the code
// "superseded", whichever was made later by the clock, and its computer keeps what the user
// typed in its unsynced list for them to compare and send again. No clock decides, because
// computers' clocks are wrong in too many ways, and neither does the later completion date: it
// may be the typing mistake that the other computer corrected. A setting without `basedOn`
// (from an older client) falls back to the edit time: the one made earlier loses.
import { CHECKLIST_ITEMS, checklistEntryId } from '../../shared/domain';
import { formatCalendarDate, formatDateTime, todayInSaoPaulo } from '../../shared/format';
import { RuleViolation } from '../../shared/ticketRules';
import type { ChecklistItemData } from '../../shared/wire';
import { readDocument, writeDocument } from '../sync/documents';
import type { MutationHandler } from './index';

/**
 * Returns whether an incoming setting loses to the stored edit: it was made on another edit than
 * the stored one, or, without `basedOn`, it was made before the stored one.
 */
export function isSuperseded(
  basedOn: string | null | undefined,
  incomingEditedAt: string,
  stored: { editedAt?: string; editedBy?: string } | undefined,
): boolean {
  if (basedOn !== undefined) return (stored?.editedBy ?? null) !== basedOn;
  return stored?.editedAt !== undefined && Date.parse(incomingEditedAt) < Date.parse(stored.editedAt);
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
  // A setting made on an edit the server does not have (lost to a restore) is not applied either.
  if (isSuperseded(args.basedOn, context.editedAt, existing?.data)) {
    const title = CHECKLIST_ITEMS.find((item) => item.id === args.itemId)?.title ?? args.itemId;
    const when = existing?.data.editedAt ? `, em ${formatDateTime(existing.data.editedAt)}` : '';
    const state = existing ? describe(existing.data) : 'não concluída';
    throw new RuleViolation(
      'superseded',
      `A atividade ${args.itemId} – ${title} foi alterada em outro computador${when} (${state}), ` +
        'e esta alteração foi feita sem ver aquela. Ela não foi aplicada: confira o item e, se ainda quiser esta versão, use "Tentar de novo".',
    );
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
