// The consultant's overview of the implementation checklist: for each organization the
// consultant serves, every participant (the organization's clients in the server's directory)
// with their seven items, progress, open items and the days each item took.
import { CHECKLIST_ITEMS, checklistEntryId, type ChecklistItemId } from '../../shared/domain';
import { checklistProgress } from '../../shared/checklistRules';
import type { ChecklistView, ConsultantOverview, OrganizationProgress, ParticipantProgress } from '../../shared/ipc';
import type { ChecklistItemData, OrganizationData } from '../../shared/wire';
import { listDirectoryUsers } from './queries';
import type { SqliteDatabase } from './store/database';
import { pendingEntityIds } from './store/outbox';

/** Shown for a participant whose checklist arrived before their directory entry. */
export const UNKNOWN_PARTICIPANT_NAME = 'Participante sem nome no diretório';

function participantProgress(
  userId: string,
  name: string,
  stored: Map<ChecklistItemId, ChecklistItemData>,
  pending: Set<string>,
): ParticipantProgress {
  const entries = CHECKLIST_ITEMS.map((item) => {
    const data = stored.get(item.id);
    return {
      itemId: item.id,
      title: item.title,
      done: data?.done ?? false,
      completedOn: data?.done ? data.completedOn : null,
      note: data?.note ?? null,
      pendingSync: pending.has(checklistEntryId(userId, item.id)),
    };
  });
  const progress = checklistProgress(entries);
  return {
    userId,
    name,
    items: entries.map((entry) => ({ ...entry, daysSincePrevious: progress.daysSincePrevious[entry.itemId] ?? null })),
    done: progress.done,
    total: progress.total,
    first: progress.first,
    last: progress.last,
    days: progress.days,
    openItemIds: progress.openItemIds,
  };
}

/**
 * Builds the overview of the given organizations. Participants are the organization's clients
 * in the directory, plus anyone whose checklist items the store holds for it; they are sorted by
 * name. One query per organization reads every item, so the cost grows with the items, not with
 * a query per participant.
 */
export function getChecklistOverview(
  db: SqliteDatabase,
  organizations: ReadonlyArray<{ id: string } & OrganizationData>,
  consultantName: string,
): ConsultantOverview {
  const directory = listDirectoryUsers(db);
  const pending = pendingEntityIds(db, 'checklistItem');
  const readItems = db.prepare('SELECT user_id, data_json FROM checklist_items WHERE organization_id = ?');

  const result: OrganizationProgress[] = organizations.map((organization) => {
    const byUser = new Map<string, Map<ChecklistItemId, ChecklistItemData>>();
    for (const row of readItems.all(organization.id) as Array<{ user_id: string; data_json: string }>) {
      const data = JSON.parse(row.data_json) as ChecklistItemData;
      if (!byUser.has(row.user_id)) byUser.set(row.user_id, new Map());
      byUser.get(row.user_id)!.set(data.itemId, data);
    }
    const names = new Map<string, string>();
    for (const person of directory) {
      if (person.organizationId === organization.id && person.role === 'cliente') names.set(person.id, person.name);
    }
    for (const userId of byUser.keys()) {
      if (names.has(userId)) continue;
      const known = directory.find((person) => person.id === userId);
      // A consultant's own checklist lives in their home organization, but they are no participant.
      if (known?.role === 'consultor') continue;
      names.set(userId, known?.name ?? UNKNOWN_PARTICIPANT_NAME);
    }
    const participants = [...names.entries()]
      .map(([userId, name]) => participantProgress(userId, name, byUser.get(userId) ?? new Map(), pending))
      .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR') || a.userId.localeCompare(b.userId));
    return { id: organization.id, name: organization.name, consultantNames: organization.consultantNames, participants };
  });
  return { consultantName, organizations: result };
}

/** Turns one participant of the overview into the view the printed page takes. */
export function participantChecklistView(
  organization: OrganizationProgress,
  participant: ParticipantProgress,
  consultantName: string,
): ChecklistView {
  return {
    userId: participant.userId,
    userName: participant.name,
    organizationName: organization.name,
    consultantName,
    items: participant.items.map(({ daysSincePrevious: _days, ...item }) => item),
  };
}
