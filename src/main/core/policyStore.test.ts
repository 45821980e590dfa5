// Policy documents in the local store: kept as reference data by pull, listed in the vendor's
// order, and kept aside when a newer server sends a shape this version cannot read.
import { describe, expect, it } from 'vitest';
import type { PolicyData } from '../../shared/wire';
import { listPolicies } from './queries';
import { applyPullPage } from './sync/applyPull';
import { change, clientContext, countRows, page } from './testSupport/fixtures';
import { tempStore } from './testSupport/tempStore';

function policy(key: string, position: number, overrides: Partial<PolicyData> = {}): PolicyData {
  return {
    key,
    position,
    title: `Política ${key}`,
    checklistItemId: null,
    blocks: [{ kind: 'paragraph', text: `Texto de ${key}.` }],
    updatedAt: '2026-12-01T12:00:00.000Z',
    ...overrides,
  };
}

describe('policy documents in the store', () => {
  it('listed by position', () => {
    const { db } = tempStore();
    applyPullPage(db, page([change('policy', 'backup', 1, policy('backup', 5)), change('policy', 'atendimento', 2, policy('atendimento', 2))]), clientContext());

    expect(listPolicies(db).map((item) => item.id)).toEqual(['atendimento', 'backup']);
  });

  it('newer version replaces the text', () => {
    const { db } = tempStore();
    applyPullPage(db, page([change('policy', 'backup', 1, policy('backup', 5))]), clientContext());
    applyPullPage(db, page([change('policy', 'backup', 7, policy('backup', 5, { title: 'Backups revistos' }))]), clientContext());

    expect(listPolicies(db)[0]?.title).toBe('Backups revistos');
  });

  it('unknown block kinds are kept', () => {
    const { db } = tempStore();
    const future = policy('backup', 5, { blocks: [{ kind: 'tabela', text: 'Resumo' }] });
    applyPullPage(db, page([change('policy', 'backup', 1, future)]), clientContext());

    expect(listPolicies(db)[0]?.blocks).toEqual([{ kind: 'tabela', text: 'Resumo' }]);
  });

  it('malformed text waits for a newer app', () => {
    const { db } = tempStore();
    const result = applyPullPage(db, page([change('policy', 'backup', 1, { key: 'backup', title: 42 })]), clientContext());

    expect(result.unknown).toBe(1);
    expect(listPolicies(db)).toEqual([]);
    expect(countRows(db, 'unknown_changes')).toBe(1);
  });

  it('deleted text disappears', () => {
    const { db } = tempStore();
    applyPullPage(db, page([change('policy', 'backup', 1, policy('backup', 5))]), clientContext());
    applyPullPage(db, page([change('policy', 'backup', 2, null, true)]), clientContext());

    expect(listPolicies(db)).toEqual([]);
  });
});
