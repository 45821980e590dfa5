// The consultant's printed overview: a summary of every participant's progress, organization by
// organization, followed by each participant's checklist page, each starting on a new page.
import { formatCalendarDate } from '../../../shared/format';
import type { ConsultantOverview } from '../../../shared/ipc';
import { participantChecklistView } from '../checklistOverview';
import { CHECKLIST_SHEET_CSS, renderChecklistSheet } from './checklistPage';
import { escapeHtml, joinList, printDocument, sheetPageCss } from './document';

const SUMMARY_CSS = `
  .summary header { border-bottom: 1.5pt solid #1d3557; padding-bottom: 8pt; margin-bottom: 10pt; }
  .summary h1 { font-size: 15pt; line-height: 1.3; margin: 2pt 0 8pt; }
  .summary h2 { font-size: 12pt; margin: 14pt 0 4pt; }
  .summary dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0; }
  .summary dt { font-weight: bold; }
  .summary dd { margin: 0; }
  .summary table { width: 100%; border-collapse: collapse; font-size: 10pt; table-layout: fixed; }
  /* The open column keeps room for all seven numbers ("01, 02, 03, 04, 05, 06 e 07") on one line. */
  .summary col.name { width: 29%; }
  .summary col.done { width: 11%; }
  .summary col.date { width: 12.5%; }
  .summary col.days { width: 6%; }
  .summary th, .summary td { text-align: left; padding: 3pt 4pt; border-bottom: 0.5pt solid #999; vertical-align: top; }
  .summary th { border-bottom: 1pt solid #111; }
  .summary .numeric { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .summary td.name { overflow-wrap: anywhere; }
  .summary tr { break-inside: avoid; }
  .summary .empty { color: #333; font-style: italic; }
  .summary .hint { margin-top: 12pt; font-size: 9.5pt; color: #333; }
`;

function summarySheet(overview: ConsultantOverview): string {
  const tables = overview.organizations
    .map((organization) => {
      const rows =
        organization.participants.length === 0
          ? '<tr><td colspan="6" class="empty">Nenhum participante cadastrado nesta organização.</td></tr>'
          : organization.participants
              .map(
                (participant) => `
            <tr>
              <td class="name">${escapeHtml(participant.name)}</td>
              <td class="numeric">${participant.done} de ${participant.total}</td>
              <td class="numeric">${participant.first ? formatCalendarDate(participant.first) : '—'}</td>
              <td class="numeric">${participant.last ? formatCalendarDate(participant.last) : '—'}</td>
              <td class="numeric">${participant.days ?? '—'}</td>
              <td>${participant.openItemIds.length === 0 ? 'nenhuma' : joinList(participant.openItemIds)}</td>
            </tr>`,
              )
              .join('');
      return `
    <h2>${escapeHtml(organization.name)}</h2>
    <table>
      <colgroup><col class="name"><col class="done"><col class="date"><col class="date"><col class="days"><col></colgroup>
      <thead>
        <tr><th>Participante</th><th class="numeric">Concluídas</th><th class="numeric">Primeira</th><th class="numeric">Última</th><th class="numeric">Dias</th><th>Em aberto</th></tr>
      </thead>
      <tbody>${rows}
      </tbody>
    </table>`;
    })
    .join('');
  return `
  <section class="sheet summary summary-page">
    <header>
      <div class="kicker">Procedimento do cliente</div>
      <h1>Checklist de implantação: acompanhamento dos participantes</h1>
      <dl>
        <dt>Consultor:</dt><dd>${escapeHtml(overview.consultantName)}</dd>
        <dt>Empresas:</dt><dd>${escapeHtml(overview.organizations.map((organization) => organization.name).join('; ') || '—')}</dd>
      </dl>
    </header>${tables}
    <p class="hint">"Dias" conta da primeira à última atividade concluída. As páginas seguintes trazem o checklist de cada participante, na ordem desta tabela.</p>
  </section>`;
}

/** Renders the summary and one checklist page per participant of the given organizations. */
export function renderOverviewDocument(overview: ConsultantOverview, printedAt: Date): string {
  const views = overview.organizations.flatMap((organization) =>
    organization.participants.map((participant) => participantChecklistView(organization, participant, overview.consultantName)),
  );
  const sheets = views.map((view, index) => renderChecklistSheet(view, index + 1));
  return printDocument({
    title: 'Checklist de implantação – participantes',
    css: [SUMMARY_CSS, CHECKLIST_SHEET_CSS, sheetPageCss('summary-page', 'Checklist de implantação – resumo dos participantes'), ...sheets.map((sheet) => sheet.css)].join(''),
    body: [summarySheet(overview), ...sheets.map((sheet) => sheet.html)].join(''),
    printedAt,
  });
}
