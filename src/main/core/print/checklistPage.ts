// The printed checklist page, shaped after the first page of the vendor's client procedure. It
// has the title, organization and consultant, then the seven numbered activities, each with a
// box (ticked when done) and a date (dd/mm/aaaa, or a blank line to fill by hand), and a short
// performance summary. One HTML document serves the print dialog and the PDF, and the tests
// render this same function.
import { checklistProgress } from '../../../shared/checklistRules';
import type { ChecklistItemId } from '../../../shared/domain';
import { formatCalendarDate } from '../../../shared/format';
import type { ChecklistView } from '../../../shared/ipc';
import { escapeHtml, joinList, pluralDays, printDocument, sheetPageCss } from './document';

export const BLANK_DATE = '__/__/____';

export const PROCEDURE_TITLE = 'Como participar do processo de implantação do meu sistema.';

/** The seven lines as the procedure's first page prints them, trailing periods included. */
export const PROCEDURE_LINES: Record<ChecklistItemId, string> = {
  '01': 'Ler atentamente este procedimento.',
  '02': 'SAC – Serviço de Atendimento ao Cliente.',
  '03': 'Próximas etapas',
  '04': 'Atendimento',
  '05': 'Políticas de segurança',
  '06': 'Política de manutenção e atualização',
  '07': 'Política de backup',
};

/** Summarizes a participant's progress: items done, first and last completion dates, days taken. */
export function checklistPerformance(view: ChecklistView) {
  return checklistProgress(view.items);
}

export const CHECKLIST_SHEET_CSS = `
  .checklist header { border-bottom: 1.5pt solid #1d3557; padding-bottom: 8pt; margin-bottom: 10pt; }
  .kicker { font-size: 9pt; letter-spacing: 0.08em; text-transform: uppercase; color: #1d3557; font-weight: bold; }
  .checklist h1 { font-size: 15pt; line-height: 1.3; margin: 2pt 0 8pt; }
  .checklist h1 .field { font-weight: normal; }
  .checklist dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0; }
  .checklist dt { font-weight: bold; }
  .checklist dd { margin: 0; overflow-wrap: anywhere; }
  .checklist dd.blank { border-bottom: 0.75pt solid #111; min-height: 14pt; max-width: 90mm; }
  .intro { margin: 0 0 8pt; }
  .items { list-style: none; margin: 0; padding: 0; }
  /* A row never splits across pages; a note spans the wording and date columns below them. */
  .item { display: grid; grid-template-columns: 9mm 7mm 1fr 30mm; align-items: start; gap: 0 3mm;
          padding: 6pt 0; border-bottom: 0.5pt solid #999; break-inside: avoid; }
  /* The procedure leaves a gap between the first four activities and the three policies. */
  .item.group-start { margin-top: 14pt; }
  .item-number { font-weight: bold; }
  .box { display: inline-block; width: 5mm; height: 5mm; border: 1pt solid #111; text-align: center;
         line-height: 4.6mm; font-weight: bold; font-size: 10pt; }
  .date { text-align: right; font-variant-numeric: tabular-nums; letter-spacing: 0.02em; white-space: nowrap; }
  .note { grid-column: 3 / 5; font-size: 9.5pt; color: #333; margin-top: 2pt; white-space: pre-wrap; overflow-wrap: anywhere; }
  .performance { margin-top: 14pt; padding: 8pt 10pt; border: 0.75pt solid #1d3557; break-inside: avoid; }
  .performance h2 { font-size: 11pt; margin: 0 0 4pt; }
  .performance p { margin: 0; }
`;

function itemRow(item: ChecklistView['items'][number]): string {
  const date = item.done && item.completedOn ? formatCalendarDate(item.completedOn) : BLANK_DATE;
  const note = item.note ? `<div class="note">Observação: ${escapeHtml(item.note)}</div>` : '';
  const classes = ['item', item.done ? 'done' : 'open', item.itemId === '05' ? 'group-start' : ''].filter(Boolean).join(' ');
  return `
      <li class="${classes}" data-item="${item.itemId}">
        <span class="item-number">${item.itemId} -</span>
        <span class="box" role="img" aria-label="${item.done ? 'feito' : 'não feito'}">${item.done ? 'X' : '&nbsp;'}</span>
        <span class="title">${escapeHtml(PROCEDURE_LINES[item.itemId])}</span>
        <span class="date">${date}</span>${note}
      </li>`;
}

function performanceBlock(view: ChecklistView): string {
  const progress = checklistProgress(view.items);
  const dates =
    progress.first && progress.last && progress.days !== null
      ? `Primeira atividade em ${formatCalendarDate(progress.first)}; última em ${formatCalendarDate(progress.last)}; ${pluralDays(progress.days)} no total.`
      : 'Nenhuma atividade concluída ainda.';
  const open =
    progress.openItemIds.length === 0 ? 'Todas as atividades concluídas.' : `Em aberto: ${joinList(progress.openItemIds)}.`;
  return `
    <section class="performance">
      <h2>Desempenho</h2>
      <p>Atividades concluídas: ${progress.done} de ${progress.total}.</p>
      <p>${dates}</p>
      <p>${open}</p>
    </section>`;
}

function field(label: string, value: string | null): string {
  return value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : `<dt>${label}</dt><dd class="blank"></dd>`;
}

/**
 * Renders one participant's page as a sheet, with the CSS that names its pages. Several sheets
 * make the consultant's document, so `sheetIndex` gives each sheet its own page name.
 */
export function renderChecklistSheet(view: ChecklistView, sheetIndex = 0): { html: string; css: string } {
  const pageName = `sheet-${sheetIndex}`;
  const header = ['Checklist de implantação', view.userName, view.organizationName].filter(Boolean).join(' – ');
  const html = `
  <section class="sheet checklist ${pageName}">
    <header>
      <div class="kicker">Procedimento do cliente</div>
      <h1><span class="field">Título:</span> ${PROCEDURE_TITLE}</h1>
      <dl>
        ${field('Empresa:', view.organizationName || null)}
        ${field('Consultor:', view.consultantName)}
        ${field('Participante:', view.userName)}
      </dl>
    </header>
    <p class="intro">Vamos iniciar: marque as atividades que você já fez e preencha as datas para que você possa ter informações sobre o seu desempenho.</p>
    <ol class="items">${view.items.map(itemRow).join('')}
    </ol>${performanceBlock(view)}
  </section>`;
  return { html, css: sheetPageCss(pageName, header) };
}

export function renderChecklistPage(view: ChecklistView, printedAt: Date): string {
  const sheet = renderChecklistSheet(view);
  return printDocument({
    title: `Checklist de implantação – ${view.userName}`,
    css: CHECKLIST_SHEET_CSS + sheet.css,
    body: sheet.html,
    printedAt,
  });
}
