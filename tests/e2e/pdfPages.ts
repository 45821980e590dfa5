// Page-level helpers over poppler-utils for the printed documents: page count, one page's text
// and one page rendered to PNG.
import { execFileSync } from 'node:child_process';

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(info);
  if (!match) throw new Error(`pdfinfo printed no page count for ${file}:\n${info}`);
  return Number(match[1]);
}

/** Extracts one page's text (pages count from 1), keeping the layout. */
export function pdfPageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}

/** Renders one page to `<outputBase>.png` at `dpi` and returns the PNG's path. */
export function pdfPagePng(file: string, page: number, outputBase: string, dpi = 80): string {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, outputBase]);
  return `${outputBase}.png`;
}

/** Reads the page size in points from pdfinfo, such as { width: 595.92, height: 842.88 } for A4. */
export function pdfPageSize(file: string): { width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const match = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  if (!match) throw new Error(`pdfinfo printed no page size for ${file}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}
