// The printed ticket: its five sections (Básico, Manifestação, Anexos, Histórico, Solução) on
// A4, with the organization and protocol on top. One HTML document serves the print dialog and
// the PDF; the tests render this same function.
import { DEADLINE_STATE_LABELS, SEVERITY_LABELS, TICKET_STATUS_LABELS, TICKET_TYPE_LABELS } from '../../../shared/domain';
import { formatDateTime, formatFileSize } from '../../../shared/format';
import type { TicketDetail } from '../../../shared/ipc';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

function field(label: string, value: string): string {
  return `<dt>${escapeHtml(label)}:</dt><dd>${escapeHtml(value)}</dd>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

export function renderTicketPage(ticket: TicketDetail, organizationName: string, printedAt: Date): string {
  const protocol = ticket.protocol === null ? 'aguardando envio' : String(ticket.protocol);
  const basic = `<dl>${[
    field('Protocolo', protocol),
    field('Departamento', ticket.department ?? '—'),
    field('Data', formatDateTime(ticket.createdAt)),
    field('Assunto', ticket.subject),
    field('Quantidade de rejeições', String(ticket.rejectionCount)),
    field('Situação', TICKET_STATUS_LABELS[ticket.status]),
    field('Prazo de atendimento', `${formatDateTime(ticket.dueAt)} (${DEADLINE_STATE_LABELS[ticket.deadline]})`),
    field('Aberta por', ticket.createdByName),
  ].join('')}</dl>`;
  const manifestation = `<dl>${field('Tipo', TICKET_TYPE_LABELS[ticket.type])}${field('Severidade', SEVERITY_LABELS[ticket.severity])}</dl>
    <div class="text">${escapeHtml(ticket.description || 'Sem descrição.')}</div>`;
  const attachments = ticket.attachments.length
    ? `<ul>${ticket.attachments.map((item) => `<li>${escapeHtml(item.fileName)} <span class="muted">(${formatFileSize(item.size)})</span></li>`).join('')}</ul>`
    : '<p class="muted">Nenhum anexo.</p>';
  const history = ticket.events.length
    ? `<ol class="history">${ticket.events
        .map(
          (event) =>
            `<li><span class="when">${formatDateTime(event.at)}</span> <strong>${escapeHtml(event.actorName)}</strong><div class="text">${escapeHtml(event.text)}</div></li>`,
        )
        .join('')}</ol>`
    : '<p class="muted">Sem histórico.</p>';
  const solution = ticket.solution
    ? `<dl>${field('Término', formatDateTime(ticket.solution.finishedAt))}${field('Resultado', ticket.solution.result)}${
        ticket.solution.authorName ? field('Responsável', ticket.solution.authorName) : ''
      }</dl>${ticket.solution.text ? `<div class="text">${escapeHtml(ticket.solution.text)}</div>` : ''}`
    : '<p class="muted">Nenhuma solução registrada ainda.</p>';

  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Solicitação ${escapeHtml(protocol)} – ${escapeHtml(ticket.subject)}</title>
<style>
  @page {
    size: A4 portrait;
    margin: 18mm 18mm 20mm 18mm;
    @bottom-left { content: "Impresso em ${formatDateTime(printedAt)}"; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; }
    @bottom-right { content: "Página " counter(page) " de " counter(pages); font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; }
  }
  * { box-sizing: border-box; }
  body { margin: 0; font: 10.5pt/1.45 "Liberation Sans", Arial, "DejaVu Sans", sans-serif; color: #111; }
  header { border-bottom: 1.5pt solid #1d3557; padding-bottom: 8pt; margin-bottom: 10pt; }
  .kicker { font-size: 9pt; letter-spacing: 0.08em; text-transform: uppercase; color: #1d3557; font-weight: bold; }
  h1 { font-size: 15pt; margin: 2pt 0 0; overflow-wrap: anywhere; }
  section { margin-bottom: 10pt; }
  h2 { font-size: 11.5pt; color: #1d3557; border-bottom: 0.5pt solid #999; padding-bottom: 2pt; margin: 0 0 5pt; break-after: avoid; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0 0 4pt; }
  dt { font-weight: bold; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; border: 0.5pt solid #bbb; padding: 5pt 7pt; margin-top: 3pt; }
  .muted { color: #444; }
  ul, ol { margin: 0; padding-left: 14pt; }
  .history li { margin-bottom: 5pt; break-inside: avoid; }
  .history .text { border: none; padding: 0; margin: 1pt 0 0; }
  .when { font-variant-numeric: tabular-nums; color: #333; }
</style>
</head>
<body>
  <header>
    <div class="kicker">${escapeHtml(organizationName || 'SAC')} · Solicitação ${escapeHtml(protocol)}</div>
    <h1>${escapeHtml(ticket.subject)}</h1>
  </header>
  ${section('Básico', basic)}
  ${section('Manifestação', manifestation)}
  ${section('Anexos', attachments)}
  ${section('Histórico', history)}
  ${section('Solução', solution)}
</body>
</html>`;
}
