// Printing and PDF output shared by the checklist handlers: the system print dialog, or a save
// dialog followed by the PDF written to the chosen file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AppCore } from '../appCore';
import { createLogger, describeError } from '../log';

const log = createLogger('printing');

export async function printHtml(core: AppCore, html: string): Promise<{ printed: boolean }> {
  return { printed: await core.options.printer.print(html) };
}

/** Asks where to save, then renders the document to that PDF file; null when the user cancels. */
export async function saveHtmlAsPdf(
  core: AppCore,
  html: string,
  dialog: { title: string; defaultName: string },
): Promise<{ savedTo: string | null }> {
  const target = await core.options.dialogs.chooseSavePath({ ...dialog, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (!target) return { savedTo: null };
  let pdf: Buffer;
  try {
    pdf = await core.options.printer.toPdf(html);
  } catch (error) {
    log.error('PDF rendering failed', describeError(error));
    throw AppError.of('pdf_failed');
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, pdf);
  log.info('PDF saved', { bytes: pdf.length });
  return { savedTo: target };
}

/** Makes a string safe as a file name on Windows, macOS and Linux. */
export function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'sem nome';
}
