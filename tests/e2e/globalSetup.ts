// Checks, before the first browser starts, that the tools the e2e tests need are installed, so a
// missing one fails at once with the command that installs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../../playwright.config';

export default function checkTools(): void {
  const missing: string[] = [];
  if (!existsSync(chromiumPath)) missing.push(`Chromium at ${chromiumPath} (or set CHROMIUM_PATH)`);
  for (const tool of ['pdftotext', 'pdftoppm']) {
    if (spawnSync(tool, ['-v']).error) missing.push(`${tool} from poppler-utils`);
  }
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests need: ${missing.join('; ')}. On Debian or Ubuntu: sudo apt-get install -y chromium poppler-utils`,
    );
  }
}
