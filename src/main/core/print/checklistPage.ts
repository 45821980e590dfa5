// The printed checklist page, as the first page of the vendor's client procedure: title,
// organization, consultant, the seven numbered activities with a box (ticked when done) and a
// date (dd/mm/aaaa, or a blank line to fill by hand), and a short performance summary.
// One HTML document serves the print dialog and the PDF; the tests render this same function.
import type { ChecklistView } from '../../../shared/ipc';
import { formatCalendarDate, formatDateTime } from '../../../shared/format';

export const BLANK_DATE = '__/__/____';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Summarizes a participant's progress: items done, first and last completion dates, days taken. */
export function checklistPerformance(view: ChecklistView) {
  const dates = view.items
    .filter((item) => item.done && item.completedOn)
    .map((item) => item.completedOn!)
    .sort();
  const first = dates[0] ?? null;
  const last = dates.at(-1) ?? null;
  return {
    done: view.items.filter((item) => item.done).length,
    total: view.items.length,
    first,
    last,
    days: first && last ? daysBetween(first, last) + 1 : null,
  };
}

export function renderChecklistPage(view: ChecklistView, printedAt: Date): string {
  const performance = checklistPerformance(view);
  const rows = view.items
    .map((item) => {
      const date = item.done && item.completedOn ? formatCalendarDate(item.completedOn) : BLANK_DATE;
      const note = item.note ? `<div class="note">Observação: ${escapeHtml(item.note)}</div>` : '';
      return `
        <li class="item${item.done ? ' done' : ''}">
          <span class="number">${item.itemId} -</span>
          <span class="box" aria-label="${item.done ? 'feito' : 'não feito'}">${item.done ? 'X' : '&nbsp;'}</span>
          <span class="title">${escapeHtml(item.title)}${note}</span>
          <span class="date">${date}</span>
        </li>`;
    })
    .join('');
  const summary =
    performance.first && performance.last
      ? `Primeira atividade em ${formatCalendarDate(performance.first)}; última em ${formatCalendarDate(performance.last)}; ${performance.days} dia(s) no total.`
      : 'Nenhuma atividade concluída ainda.';

  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Checklist de implantação – ${escapeHtml(view.userName)}</title>
<style>
  /* 18 mm margins: inside the printable area of every common office printer. */
  @page {
    size: A4 portrait;
    margin: 18mm 18mm 20mm 18mm;
    @bottom-left { content: "Impresso em ${formatDateTime(printedAt)}"; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; }
    @bottom-right { content: "Página " counter(page) " de " counter(pages); font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; }
  }
  * { box-sizing: border-box; }
  body { margin: 0; font: 11pt/1.45 "Liberation Sans", Arial, "DejaVu Sans", sans-serif; color: #111; }
  header { border-bottom: 1.5pt solid #1d3557; padding-bottom: 8pt; margin-bottom: 12pt; }
  .kicker { font-size: 9pt; letter-spacing: 0.08em; text-transform: uppercase; color: #1d3557; font-weight: bold; }
  h1 { font-size: 16pt; margin: 2pt 0 8pt; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  .intro { margin: 0 0 12pt; }
  ol { list-style: none; margin: 0; padding: 0; }
  .item { display: grid; grid-template-columns: 8mm 7mm 1fr 32mm; align-items: start; gap: 0 3mm;
          padding: 7pt 0; border-bottom: 0.5pt solid #999; break-inside: avoid; }
  .number { font-weight: bold; }
  .box { display: inline-block; width: 5mm; height: 5mm; border: 1pt solid #111; text-align: center;
         line-height: 5mm; font-weight: bold; font-size: 10pt; }
  .date { text-align: right; font-variant-numeric: tabular-nums; letter-spacing: 0.02em; }
  .note { font-size: 9.5pt; color: #333; margin-top: 2pt; overflow-wrap: anywhere; }
  .performance { margin-top: 16pt; padding: 8pt 10pt; border: 0.75pt solid #1d3557; break-inside: avoid; }
  .performance h2 { font-size: 11pt; margin: 0 0 4pt; }
  .performance p { margin: 0; }
</style>
</head>
<body>
  <header>
    <div class="kicker">Procedimento do cliente</div>
    <h1>Como participar do processo de implantação do meu sistema</h1>
    <dl>
      <dt>Empresa:</dt><dd>${escapeHtml(view.organizationName || '—')}</dd>
      <dt>Consultor:</dt><dd>${escapeHtml(view.consultantName ?? '—')}</dd>
      <dt>Participante:</dt><dd>${escapeHtml(view.userName)}</dd>
    </dl>
  </header>
  <p class="intro">Marque as atividades que você já fez e preencha as datas para acompanhar o seu desempenho.</p>
  <ol>${rows}
  </ol>
  <section class="performance">
    <h2>Desempenho</h2>
    <p>Atividades concluídas: ${performance.done} de ${performance.total}.</p>
    <p>${summary}</p>
  </section>
</body>
</html>`;
}
