// The Electron desktop service with 'electron' replaced: a notification's click brings the
// window forward before the app opens the ticket, openPath goes to shell.openPath, and only a
// plain mailto: link reaches shell.openExternal.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown: Array<{ options: { title: string; body: string }; handlers: Record<string, () => void> }> = [];
const openPath = vi.fn(async (_file: string) => '');
const openExternal = vi.fn(async (_url: string) => undefined);

vi.mock('electron', () => {
  class Notification {
    static isSupported = () => true;
    private readonly handlers: Record<string, () => void> = {};
    constructor(options: { title: string; body: string }) {
      shown.push({ options, handlers: this.handlers });
    }
    on(event: string, handler: () => void) {
      this.handlers[event] = handler;
      return this;
    }
    show() {}
  }
  return { Notification, shell: { openPath, openExternal }, app: {}, BrowserWindow: class {}, dialog: {}, safeStorage: {} };
});

const { electronDesktop, electronLinks } = await import('./platform');

describe('electronDesktop', () => {
  beforeEach(() => {
    shown.length = 0;
    openPath.mockClear();
  });

  it('click focuses the window, then opens', () => {
    const calls: string[] = [];
    const window = {
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    const desktop = electronDesktop(() => window as never);
    desktop.notify({ title: 'Novo comentário · Solicitação 9662', body: 'Olá', ticketId: 'x' }, () => calls.push('open'));

    shown[0]!.handlers.click!();

    expect(shown[0]!.options.title).toBe('Novo comentário · Solicitação 9662');
    expect(calls).toEqual(['restore', 'show', 'focus', 'open']);
  });

  it('click without a window still opens', () => {
    const opened = vi.fn();
    electronDesktop(() => null).notify({ title: 't', body: 'b', ticketId: null }, opened);

    shown[0]!.handlers.click!();

    expect(opened).toHaveBeenCalledOnce();
  });

  it('openPath uses the system shell', async () => {
    const result = await electronDesktop(() => null).openPath('/tmp/relato\u0301rio.pdf');

    expect(result).toBe('');
    expect(openPath).toHaveBeenCalledWith('/tmp/relato\u0301rio.pdf');
  });
});

describe('electronLinks', () => {
  beforeEach(() => openExternal.mockClear());

  it('hands a plain mailto: link to the e-mail program', async () => {
    await electronLinks.openMailTo('mailto:consultor@exemplo.com.br');

    expect(openExternal).toHaveBeenCalledWith('mailto:consultor@exemplo.com.br');
  });

  it.each(['https://exemplo.com.br', 'mailto:a@exemplo.com.br?body=dados', 'file:///etc/passwd'])('refuses %s', async (url) => {
    await expect(electronLinks.openMailTo(url)).rejects.toThrow(/only mailto/);
    expect(openExternal).not.toHaveBeenCalled();
  });
});
