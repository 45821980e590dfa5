import { describe, expect, it } from 'vitest';
import { checklistProgress, completionDateProblem, daysBetween, isIsoDate, type ChecklistProgressItem } from './checklistRules';
import { CHECKLIST_ITEM_IDS, type ChecklistItemId } from './domain';

const TODAY = '2026-12-04';
const FUTURE = 'A data de conclusão não pode estar no futuro. Informe a data em que a atividade foi feita.';
const INVALID = 'Data inválida. Digite a data no formato dd/mm/aaaa, por exemplo 05/03/2026.';

describe('completionDateProblem', () => {
  it.each([
    ['today', '2026-12-04', null],
    ['yesterday', '2026-12-03', null],
    ['a year ago', '2025-12-04', null],
    ['first accepted day', '2000-01-01', null],
    ['tomorrow', '2026-12-05', FUTURE],
    ['next year', '2027-01-01', FUTURE],
    ['far future', '2099-12-31', FUTURE],
    ['before 2000', '1999-12-31', INVALID],
    ['three-digit year typo', '0202-11-02', INVALID],
    ['30 February', '2026-02-30', INVALID],
    ['not a date', 'ontem', INVALID],
  ])('%s', (_case, date, expected) => {
    expect(completionDateProblem(date, TODAY)).toBe(expected);
  });

  it('leap day only in leap years', () => {
    expect(completionDateProblem('2024-02-29', TODAY)).toBeNull();
    expect(completionDateProblem('2025-02-29', TODAY)).toBe(INVALID);
  });

  it('future relative to the given today', () => {
    expect(completionDateProblem('2026-12-31', '2026-12-31')).toBeNull();
    expect(completionDateProblem('2027-01-01', '2026-12-31')).toBe(FUTURE);
  });
});

describe('isIsoDate and daysBetween', () => {
  it('accepts only padded real dates', () => {
    expect(isIsoDate('2026-01-05')).toBe(true);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
  });

  it('counts across month and year ends', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });
});

function items(done: Partial<Record<ChecklistItemId, string>>): ChecklistProgressItem[] {
  return CHECKLIST_ITEM_IDS.map((itemId) => ({ itemId, done: itemId in done, completedOn: done[itemId] ?? null }));
}

describe('checklistProgress', () => {
  it('nothing done', () => {
    const progress = checklistProgress(items({}));

    expect(progress).toMatchObject({ done: 0, total: 7, first: null, last: null, days: null });
    expect(progress.openItemIds).toEqual([...CHECKLIST_ITEM_IDS]);
    expect(progress.daysSincePrevious).toEqual({});
  });

  it('one day counts as one', () => {
    const progress = checklistProgress(items({ '01': '2026-11-02', '02': '2026-11-02' }));

    expect(progress.days).toBe(1);
    expect(progress.daysSincePrevious).toEqual({ '02': 0 });
  });

  it('paces items in the order done', () => {
    // 03 was done before 02: the pace follows the dates, not the item numbers.
    const progress = checklistProgress(items({ '01': '2026-11-02', '03': '2026-11-05', '02': '2026-11-10', '07': '2026-11-20' }));

    expect(progress).toMatchObject({ done: 4, first: '2026-11-02', last: '2026-11-20', days: 19 });
    expect(progress.daysSincePrevious).toEqual({ '03': 3, '02': 5, '07': 10 });
    expect(progress.openItemIds).toEqual(['04', '05', '06']);
  });

  it('ties keep procedure order', () => {
    const forward = checklistProgress(items({ '05': '2026-11-02', '04': '2026-11-02' }));
    const shuffled = checklistProgress([...items({ '05': '2026-11-02', '04': '2026-11-02' })].reverse());

    expect(forward.daysSincePrevious).toEqual({ '05': 0 });
    expect(shuffled.daysSincePrevious).toEqual({ '05': 0 });
  });

  it('all done across a year end', () => {
    const progress = checklistProgress(
      items({ '01': '2026-12-28', '02': '2026-12-29', '03': '2026-12-30', '04': '2026-12-31', '05': '2027-01-02', '06': '2027-01-04', '07': '2027-01-04' }),
    );

    expect(progress).toMatchObject({ done: 7, days: 8, openItemIds: [] });
    expect(progress.daysSincePrevious['05']).toBe(2);
  });

  it('done without a date counts but has no pace', () => {
    const progress = checklistProgress([{ itemId: '01', done: true, completedOn: null }]);

    expect(progress.done).toBe(1);
    expect(progress.first).toBeNull();
    expect(progress.openItemIds).toEqual(['02', '03', '04', '05', '06', '07']);
  });
});
