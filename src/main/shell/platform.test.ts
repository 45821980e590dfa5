// The Electron desktop service with 'electron' replaced: a notification's click brings the
// window forward before the app opens the ticket, and openPath goes to shell.openPath.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown: Array<{ options: { title: string; body: string }; handlers: Record<string, () => void> }> = [];
const openPath = vi.fn(async (_file: string) => '');

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
  return { Notification, shell: { openPath }, app: {}, BrowserWindow: class {}, dialog: {}, safeStorage: {} };
});

const { electronDesktop } = await import('./platform');

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
