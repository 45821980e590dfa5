import { describe, expect, it } from 'vitest';
import { applicationMenu, contextMenuEntries, trayMenu, type MenuEntry } from './menuTemplate';

function labels(entries: MenuEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'separator' ? [] : [entry.label]));
}

/** English words a menu label must not carry. */
const ENGLISH = /\b(file|edit|view|help|quit|open|export|logs? folder|check|update|copy|paste)\b/i;

describe('applicationMenu', () => {
  const menu = applicationMenu('1.2.3');

  it('has the pt-BR top-level menus', () => {
    expect(menu.map((section) => section.label)).toEqual(['Arquivo', 'Editar', 'Exibir', 'Ajuda']);
  });

  it('offers the support entries under Ajuda', () => {
    const help = menu.find((section) => section.label === 'Ajuda')!;
    expect(labels(help.entries)).toEqual(['Procurar atualizações', 'Abrir pasta de logs', 'Exportar diagnóstico…', 'Versão 1.2.3']);
  });

  it('offers the local copy under Arquivo', () => {
    const file = menu.find((section) => section.label === 'Arquivo')!;
    expect(file.entries).toContainEqual({ kind: 'command', label: 'Exportar cópia local…', command: 'exportBackup' });
  });

  it('has no English label', () => {
    for (const section of menu) {
      for (const label of [section.label, ...labels(section.entries)]) expect(label, label).not.toMatch(ENGLISH);
    }
  });
});

describe('trayMenu', () => {
  it('shows the state lines first', () => {
    expect(labels(trayMenu('Sem conexão', '3 ações a enviar', true)).slice(0, 2)).toEqual(['Sem conexão', '3 ações a enviar']);
  });

  it('disables sync when nobody is signed in', () => {
    const sync = trayMenu('Ninguém conectado', 'Entre para sincronizar', false).find(
      (entry) => entry.kind === 'command' && entry.command === 'syncNow',
    );
    expect(sync).toMatchObject({ enabled: false });
  });
});

describe('contextMenuEntries', () => {
  const allFlags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

  it('offers editing in a field', () => {
    expect(labels(contextMenuEntries({ isEditable: true, selectionText: 'abc', editFlags: allFlags }))).toEqual([
      'Recortar',
      'Copiar',
      'Colar',
      'Selecionar tudo',
    ]);
  });

  it('offers only what the field allows', () => {
    const flags = { canCut: false, canCopy: false, canPaste: true, canSelectAll: false };
    expect(labels(contextMenuEntries({ isEditable: true, selectionText: '', editFlags: flags }))).toEqual(['Colar']);
  });

  it('offers Copiar on selected text', () => {
    expect(labels(contextMenuEntries({ isEditable: false, selectionText: 'Protocolo 9661', editFlags: allFlags }))).toEqual(['Copiar']);
  });

  it('offers nothing elsewhere', () => {
    expect(contextMenuEntries({ isEditable: false, selectionText: '', editFlags: allFlags })).toEqual([]);
  });
});
