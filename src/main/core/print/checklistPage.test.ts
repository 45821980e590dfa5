// The printed checklist page as HTML: every box and date for done and open items, the
// procedure's wording, the header, the performance block, the footer and escaping.
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS, type ChecklistItemId } from '../../../shared/domain';
import type { ChecklistView } from '../../../shared/ipc';
import { BLANK_DATE, PROCEDURE_LINES, renderChecklistPage } from './checklistPage';
import { cssString } from './document';

// 18:30 on 4 December 2026 in São Paulo (UTC-3).
const PRINTED_AT = new Date('2026-12-04T21:30:00.000Z');

function view(done: Partial<Record<ChecklistItemId, string | null>>, overrides: Partial<ChecklistView> = {}): ChecklistView {
  return {
    userId: '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d01',
    userName: 'Rafael da Câmara',
    organizationName: 'Câmara Municipal de Santos',
    consultantName: 'Carla Consultora',
    items: CHECKLIST_ITEMS.map((item) => ({
      itemId: item.id,
      title: item.title,
      done: item.id in done,
      completedOn: done[item.id] ?? null,
      note: null,
      pendingSync: false,
    })),
    ...overrides,
  };
}

/** Extracts the rendered row of one item: its classes, box content, wording, date and note. */
function row(html: string, itemId: ChecklistItemId) {
  const match = new RegExp(`<li class="([^"]*)" data-item="${itemId}">([\\s\\S]*?)</li>`).exec(html);
  if (!match) throw new Error(`row ${itemId} not rendered`);
  const cell = (name: string) => new RegExp(`<span class="${name}"[^>]*>([\\s\\S]*?)</span>`).exec(match[2]!)?.[1];
  return {
    classes: match[1]!.split(' '),
    box: cell('box'),
    boxLabel: /aria-label="([^"]*)"/.exec(match[2]!)?.[1],
    title: cell('title'),
    date: cell('date'),
    note: /<div class="note">([\s\S]*?)<\/div>/.exec(match[2]!)?.[1] ?? null,
  };
}

describe('renderChecklistPage items', () => {
  const dates: Partial<Record<ChecklistItemId, string>> = { '01': '2026-11-02', '02': '2026-11-10', '05': '2026-12-01' };
  const html = renderChecklistPage(view(dates), PRINTED_AT);

  it.each(CHECKLIST_ITEMS.map((item) => item.id))('item %s box and date', (itemId) => {
    const rendered = row(html, itemId);
    const date = dates[itemId];

    expect(rendered.title).toBe(PROCEDURE_LINES[itemId]);
    if (date) {
      const [year, month, day] = date.split('-');
      expect(rendered.classes).toContain('done');
      expect(rendered.box).toBe('X');
      expect(rendered.boxLabel).toBe('feito');
      expect(rendered.date).toBe(`${day}/${month}/${year}`);
    } else {
      expect(rendered.classes).toContain('open');
      expect(rendered.box).toBe('&nbsp;');
      expect(rendered.boxLabel).toBe('não feito');
      expect(rendered.date).toBe(BLANK_DATE);
    }
  });

  it('items in procedure order', () => {
    const order = [...html.matchAll(/data-item="(\d\d)"/g)].map((match) => match[1]);

    expect(order).toEqual(['01', '02', '03', '04', '05', '06', '07']);
  });

  it('policies start a second group', () => {
    expect(row(html, '05').classes).toContain('group-start');
    expect(row(html, '04').classes).not.toContain('group-start');
  });

  it('done without a date prints the blank line', () => {
    const rendered = row(renderChecklistPage(view({ '03': null }), PRINTED_AT), '03');

    expect(rendered.box).toBe('X');
    expect(rendered.date).toBe(BLANK_DATE);
  });
});

describe('renderChecklistPage wording', () => {
  it('lines match the item titles', () => {
    for (const item of CHECKLIST_ITEMS) expect(PROCEDURE_LINES[item.id].replace(/\.$/, '')).toBe(item.title);
  });

  it('header as in the procedure', () => {
    const html = renderChecklistPage(view({}), PRINTED_AT);

    expect(html).toContain('<h1><span class="field">Título:</span> Como participar do processo de implantação do meu sistema.</h1>');
    expect(html).toContain('<dt>Empresa:</dt><dd>Câmara Municipal de Santos</dd>');
    expect(html).toContain('<dt>Consultor:</dt><dd>Carla Consultora</dd>');
    expect(html).toContain('<dt>Participante:</dt><dd>Rafael da Câmara</dd>');
    expect(html).toContain('<html lang="pt-BR">');
  });

  it('unknown consultant leaves a line to fill in', () => {
    const html = renderChecklistPage(view({}, { consultantName: null, organizationName: '' }), PRINTED_AT);

    expect(html).toContain('<dt>Consultor:</dt><dd class="blank"></dd>');
    expect(html).toContain('<dt>Empresa:</dt><dd class="blank"></dd>');
  });
});

describe('renderChecklistPage performance', () => {
  it('nothing done yet', () => {
    const html = renderChecklistPage(view({}), PRINTED_AT);

    expect(html).toContain('<p>Atividades concluídas: 0 de 7.</p>');
    expect(html).toContain('<p>Nenhuma atividade concluída ainda.</p>');
    expect(html).toContain('<p>Em aberto: 01, 02, 03, 04, 05, 06 e 07.</p>');
  });

  it('one day in singular', () => {
    const html = renderChecklistPage(view({ '01': '2026-11-02' }), PRINTED_AT);

    expect(html).toContain('<p>Primeira atividade em 02/11/2026; última em 02/11/2026; 1 dia no total.</p>');
  });

  it('first, last and days', () => {
    const html = renderChecklistPage(view({ '02': '2026-11-20', '01': '2026-11-02', '03': '2026-11-10' }), PRINTED_AT);

    expect(html).toContain('<p>Atividades concluídas: 3 de 7.</p>');
    expect(html).toContain('<p>Primeira atividade em 02/11/2026; última em 20/11/2026; 19 dias no total.</p>');
    expect(html).toContain('<p>Em aberto: 04, 05, 06 e 07.</p>');
  });

  it('everything done', () => {
    const all = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, '2026-11-02'])) as Record<ChecklistItemId, string>;

    expect(renderChecklistPage(view(all), PRINTED_AT)).toContain('<p>Todas as atividades concluídas.</p>');
  });
});

describe('renderChecklistPage page setup', () => {
  const html = renderChecklistPage(view({}), PRINTED_AT);

  it('A4 portrait with printable margins', () => {
    expect(html).toContain('size: A4 portrait;');
    expect(html).toContain('margin: 18mm 18mm 20mm 18mm;');
  });

  it('footer with print time and page numbers', () => {
    expect(html).toContain('@bottom-left { content: "Impresso em 04/12/2026 18:30";');
    expect(html).toContain('@bottom-right { content: "Página " counter(page) " de " counter(pages);');
  });

  it('running header names the participant', () => {
    expect(html).toContain('@page sheet-0 { @top-left { content: "Checklist de implantação – Rafael da Câmara – Câmara Municipal de Santos";');
    expect(html).toContain('class="sheet checklist sheet-0"');
  });

  it('rows never split across pages', () => {
    expect(html).toMatch(/\.item \{[^}]*break-inside: avoid;/);
  });

  it('loads nothing and runs nothing', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|url\(/);
  });
});

describe('renderChecklistPage escaping', () => {
  it('note text is escaped and kept with its line breaks', () => {
    const base = view({ '01': '2026-11-02' });
    base.items[0]!.note = 'Linha 1 <script>alert("x")</script>\nLinha 2 & fim';
    const rendered = row(renderChecklistPage(base, PRINTED_AT), '01');

    expect(rendered.note).toBe('Observação: Linha 1 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nLinha 2 &amp; fim');
  });

  it('names are escaped in the body and the header CSS', () => {
    const html = renderChecklistPage(view({}, { userName: 'Ana </style><script>x()</script> "Q"' }), PRINTED_AT);

    expect(html).toContain('<dd>Ana &lt;/style&gt;&lt;script&gt;x()&lt;/script&gt; &quot;Q&quot;</dd>');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toContain('<script>');
  });

  it('cssString escapes quotes, backslashes and angle brackets', () => {
    expect(cssString('a "b" \\ <c>\nd')).toBe('"a \\"b\\" \\\\ \\3c c\\3e \\a d"');
  });
});
