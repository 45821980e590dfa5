// Remembers the main window's size, position and maximized state between runs. Plain functions
// (no Electron), so tests can check what happens when a monitor is gone, a resolution shrank or
// the saved file is damaged: the window always opens fully reachable on a display that exists.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** What BrowserWindow receives: no x/y means Electron centers the window. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_DEFAULTS = { width: 1366, height: 768, minWidth: 1024, minHeight: 640 } as const;

/** Part of the window that must lie on a display, so its title bar can be grabbed: 100 × 40 px. */
const MIN_VISIBLE = { width: 100, height: 40 };

const rectangleSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
const stateSchema = z.object({ bounds: rectangleSchema, maximized: z.boolean() });

export const WINDOW_STATE_FILE = 'window-state.json';

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Returns where to open the window: the saved bounds when their top strip lies on one of the
 * displays' work areas, shrunk to fit that display; otherwise the default size, centered.
 * `workAreas` lists the displays' work areas, the primary display first.
 */
export function restoreWindowPlacement(saved: unknown, workAreas: Rectangle[]): WindowPlacement {
  const primary = workAreas[0];
  const fallback = (maximized: boolean): WindowPlacement => ({
    width: primary ? Math.min(WINDOW_DEFAULTS.width, primary.width) : WINDOW_DEFAULTS.width,
    height: primary ? Math.min(WINDOW_DEFAULTS.height, primary.height) : WINDOW_DEFAULTS.height,
    maximized,
  });
  const parsed = stateSchema.safeParse(saved);
  if (!parsed.success) return fallback(false);
  const { bounds, maximized } = parsed.data;

  // The title bar: the top 40 px of the window.
  const titleBar = { ...bounds, height: Math.min(bounds.height, MIN_VISIBLE.height) };
  const display = workAreas.find((area) => {
    const visible = overlap(titleBar, area);
    return visible.width >= MIN_VISIBLE.width && visible.height >= Math.min(MIN_VISIBLE.height, titleBar.height);
  });
  if (!display) return fallback(maximized);

  const width = Math.max(Math.min(bounds.width, display.width), Math.min(WINDOW_DEFAULTS.minWidth, display.width));
  const height = Math.max(Math.min(bounds.height, display.height), Math.min(WINDOW_DEFAULTS.minHeight, display.height));
  // Keep the window inside the display it was found on, moving it rather than cutting it.
  const x = Math.min(Math.max(bounds.x, display.x), display.x + display.width - width);
  const y = Math.min(Math.max(bounds.y, display.y), display.y + display.height - height);
  return { x, y, width, height, maximized };
}

/** Reads the saved state; a missing or unreadable file counts as no state. */
export function readWindowState(userDataDir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Writes the state through a temporary file, so a crash never leaves half a file. */
export function writeWindowState(userDataDir: string, state: WindowState): void {
  const file = join(userDataDir, WINDOW_STATE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
