// The e2e harness: the renderer as electron-vite builds it, served over HTTP on 127.0.0.1 and
// shown in real Chromium, with window.sac forwarding every call to the real app core (the same
// IPC handlers the Electron shell registers) over a real local store in this test process.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { AppCore } from '../../src/main/core/appCore';
import type { Printer, SecretStore, Updater } from '../../src/main/core/platform';
import type { EventName, IpcEvents } from '../../src/shared/ipc';
import { folderDialogs, recordingClipboard, recordingDesktop, recordingLinks, testSecrets } from '../support/testPlatform';

const ROOT = resolve(__dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer; module scripts do not load over file://. */
export async function startRendererServer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` first (npm test does).');
  }
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(RENDERER_DIR, path || 'index.html');
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((done) => server.close(() => done())) };
}

/** Renders print pages in Chromium, as printToPDF does in the app: one template, one engine. */
export function chromiumPrinter(context: BrowserContext, printed: string[]): Printer {
  const render = async (html: string) => {
    const page = await context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close();
    }
  };
  return {
    print: async (html) => {
      await render(html);
      printed.push(html);
      return true;
    },
    toPdf: async (html) => render(html),
  };
}

function decodeBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.__bytes === 'string' && Object.keys(record).length === 1) {
      return new Uint8Array(Buffer.from(record.__bytes, 'base64'));
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, decodeBytes(item)]));
  }
  return value;
}

const SHIM = readFileSync(join(__dirname, 'bridgeShim.js'), 'utf8');

/** Platform services a test may replace: the secret store and the application updater. */
export interface HarnessOptions {
  secrets?: SecretStore;
  updater?: Updater;
  /** The app core's clock; the real one unless a test fixes it. */
  now?: () => Date;
}

/** One desktop client: its own user-data folder, app core and Chromium page. */
export class HarnessClient {
  core!: AppCore;
  readonly printed: string[] = [];
  /** Files the app opened with the system's application and desktop notifications it showed. */
  readonly desktop = recordingDesktop();
  /** mailto: links the app handed to the system, and texts it copied, in order. */
  readonly links = recordingLinks();
  readonly clipboard = recordingClipboard();
  readonly savedDir: string;
  private unsubscribe: (() => void) | null = null;

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly userDataDir: string,
    private readonly rendererUrl: string,
    private readonly options: HarnessOptions = {},
  ) {
    this.savedDir = join(RESULTS_DIR, 'saved', name);
    mkdirSync(this.savedDir, { recursive: true });
  }

  static async create(browser: Browser, rendererUrl: string, name: string, options: HarnessOptions = {}): Promise<HarnessClient> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'pt-BR',
      timezoneId: 'America/Sao_Paulo',
      // No fades: axe measures contrast at one instant, and a notice fading in or out is half
      // transparent then. The theme honours this setting as the user's system would ask.
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const client = new HarnessClient(name, context, page, mkdtempSync(join(tmpdir(), `sac-e2e-${name}-`)), rendererUrl, options);
    await page.exposeBinding('__sacInvoke', (_source, channel: string, input: unknown) =>
      client.core.invoke(channel as never, decodeBytes(input)),
    );
    await page.addInitScript(SHIM);
    await client.startCore();
    await page.goto(rendererUrl);
    return client;
  }

  private async startCore(): Promise<void> {
    this.core = new AppCore({
      userDataDir: this.userDataDir,
      secrets: this.options.secrets ?? testSecrets,
      printer: chromiumPrinter(this.context, this.printed),
      dialogs: folderDialogs(this.savedDir),
      desktop: this.desktop,
      links: this.links,
      clipboard: this.clipboard,
      backoff: { baseMs: 500, maxMs: 2_000 },
      requestTimeoutMs: 5_000,
      appVersion: '0.1.0',
      ...(this.options.updater ? { updater: this.options.updater } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    this.unsubscribe = this.core.onEvent(<E extends EventName>(event: E, payload: IpcEvents[E]) => {
      void this.page
        .evaluate(([name, data]) => (globalThis as unknown as { __sacEmit: (n: string, d: unknown) => void }).__sacEmit(name, data), [
          event,
          payload,
        ] as const)
        .catch(() => undefined);
    });
    await this.core.start();
  }

  /** Stops the app's services and starts them again on the same data folder, then reloads the window. */
  async restart(): Promise<void> {
    this.unsubscribe?.();
    await this.core.stop();
    await this.startCore();
    await this.page.goto(this.rendererUrl);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.core.stop();
    await this.context.close();
  }
}

let shotNumber = 0;

/** Saves a numbered PNG of the page under test-results/screens. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(RESULTS_DIR, 'screens');
  mkdirSync(dir, { recursive: true });
  shotNumber += 1;
  const file = join(dir, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Extracts a PDF's text with poppler's pdftotext, keeping the layout. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Renders a PDF's first page to PNG with poppler's pdftoppm; returns the PNG's path. */
export function pdfFirstPagePng(file: string, outputBase: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, outputBase]);
  return `${outputBase}.png`;
}
