// The frame of every printed document: A4 portrait, margins inside the printable area of office
// printers, and a footer with the print date and "Página N de M". The footer uses CSS @page
// margin boxes, which Chromium renders in print and PDF output since version 131.
import { formatDateTime } from '../../../shared/format';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/**
 * Quotes a text as a CSS string. Quotes and backslashes are escaped, and so are "<" and ">",
 * so that a name such as "</style>" cannot end the style element it is written into.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[<>\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * Names the pages of one sheet and writes its running header, so that a sheet's second page
 * still names its participant. Chromium supports named pages and their margin boxes.
 */
export function sheetPageCss(pageName: string, header: string): string {
  return `
  @page ${pageName} { @top-left { content: ${cssString(header)}; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; } }
  .${pageName} { page: ${pageName}; }`;
}

/** Writes a day count in pt-BR: "1 dia", "19 dias". */
export function pluralDays(days: number): string {
  return `${days} ${days === 1 ? 'dia' : 'dias'}`;
}

/** Joins items as pt-BR prose: "04, 05 e 07". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items.at(-1)}`;
}

function pageCss(printedAt: Date): string {
  const footerFont = 'font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444;';
  return `
  /* 18 mm at the sides and top and 20 mm at the bottom, where the footer sits: office laser and
     inkjet printers leave at most about 5 mm unprinted at each edge. */
  @page {
    size: A4 portrait;
    margin: 18mm 18mm 20mm 18mm;
    @bottom-left { content: "Impresso em ${formatDateTime(printedAt)}"; ${footerFont} }
    @bottom-right { content: "Página " counter(page) " de " counter(pages); ${footerFont} }
  }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { margin: 0; font: 11pt/1.45 "Liberation Sans", Arial, "DejaVu Sans", sans-serif; color: #111; }
  /* Each sheet (a participant's page, the summary) starts on a new page. */
  .sheet + .sheet { break-before: page; }
  p, li { orphans: 2; widows: 2; }
  h1, h2, h3, header { break-after: avoid; }
`;
}

/**
 * Wraps sheets of HTML into a printable document. The CSP allows inline styles only, so the
 * document loads nothing and runs no script.
 */
export function printDocument(options: { title: string; css: string; body: string; printedAt: Date }): string {
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(options.title)}</title>
<style>${pageCss(options.printedAt)}${options.css}</style>
</head>
<body>
${options.body}
</body>
</html>`;
}
