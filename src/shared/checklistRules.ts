// Rules of the implementation checklist shared by the main process, the UI and the printed
// page: which completion dates are valid, and a participant's progress and pace.
import { CHECKLIST_ITEM_IDS, type ChecklistItemId } from './domain';

/** The earliest completion date accepted; earlier years are typing mistakes such as 02/11/0226. */
export const EARLIEST_COMPLETION_DATE = '2000-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns whether a string is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/**
 * Returns why a completion date (YYYY-MM-DD) cannot be accepted, as a pt-BR sentence for the
 * date field, or null when it is valid: a real date, not before 2000 and not after today.
 */
export function completionDateProblem(completedOn: string, today: string): string | null {
  if (!isIsoDate(completedOn) || completedOn < EARLIEST_COMPLETION_DATE) {
    return 'Data inválida. Digite a data no formato dd/mm/aaaa, por exemplo 05/03/2026.';
  }
  if (completedOn > today) {
    return 'A data de conclusão não pode estar no futuro. Informe a data em que a atividade foi feita.';
  }
  return null;
}

/** Counts the calendar days from one date to another (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface ChecklistProgressItem {
  itemId: ChecklistItemId;
  done: boolean;
  completedOn: string | null;
}

export interface ChecklistProgress {
  done: number;
  total: number;
  /** The earliest and latest completion dates, or null before the first one. */
  first: string | null;
  last: string | null;
  /** Days from the first completion to the last, both counted, so one busy day is 1. */
  days: number | null;
  openItemIds: ChecklistItemId[];
  /**
   * For each done item with a date except the first one done: the days since the participant's
   * previous completion, in the order the items were done (0 for the same day).
   */
  daysSincePrevious: Partial<Record<ChecklistItemId, number>>;
}

/** Summarizes a participant's checklist: what is done, what is open and how long each item took. */
export function checklistProgress(items: readonly ChecklistProgressItem[]): ChecklistProgress {
  const dated = items
    .filter((item) => item.done && item.completedOn)
    .map((item) => ({ itemId: item.itemId, completedOn: item.completedOn! }))
    // Ties on the date keep the procedure's order, so the result does not depend on the input order.
    .sort((a, b) => a.completedOn.localeCompare(b.completedOn) || a.itemId.localeCompare(b.itemId));
  const daysSincePrevious: Partial<Record<ChecklistItemId, number>> = {};
  dated.forEach((item, index) => {
    if (index > 0) daysSincePrevious[item.itemId] = daysBetween(dated[index - 1]!.completedOn, item.completedOn);
  });
  const first = dated[0]?.completedOn ?? null;
  const last = dated.at(-1)?.completedOn ?? null;
  return {
    done: items.filter((item) => item.done).length,
    total: CHECKLIST_ITEM_IDS.length,
    first,
    last,
    days: first && last ? daysBetween(first, last) + 1 : null,
    openItemIds: CHECKLIST_ITEM_IDS.filter((id) => !items.some((item) => item.itemId === id && item.done)),
    daysSincePrevious,
  };
}
