import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/testSupport/tempStore';
import { readWindowState, restoreWindowPlacement, WINDOW_STATE_FILE, writeWindowState } from './windowState';

const LAPTOP = { x: 0, y: 0, width: 1366, height: 728 };
const RIGHT_MONITOR = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('restoreWindowPlacement', () => {
  it('centers the default size without saved state', () => {
    expect(restoreWindowPlacement(null, [LAPTOP])).toEqual({ width: 1366, height: 728, maximized: false });
  });

  it('restores bounds that fit a display', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowPlacement(saved, [LAPTOP, RIGHT_MONITOR])).toEqual({ x: 1500, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('keeps the maximized flag', () => {
    const saved = { bounds: { x: 10, y: 10, width: 1100, height: 700 }, maximized: true };
    expect(restoreWindowPlacement(saved, [LAPTOP]).maximized).toBe(true);
  });

  it('centers on the primary display when the monitor is gone', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(restoreWindowPlacement(saved, [LAPTOP])).toEqual({ width: 1366, height: 728, maximized: true });
  });

  it('shrinks a window larger than its display', () => {
    const saved = { bounds: { x: 0, y: 0, width: 1900, height: 1000 }, maximized: false };
    expect(restoreWindowPlacement(saved, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('moves a window hanging off the edge back inside', () => {
    const saved = { bounds: { x: 1200, y: 600, width: 1100, height: 700 }, maximized: false };
    expect(restoreWindowPlacement(saved, [LAPTOP])).toEqual({ x: 266, y: 28, width: 1100, height: 700, maximized: false });
  });

  it('rejects a title bar above the screen', () => {
    const saved = { bounds: { x: 100, y: -500, width: 1100, height: 700 }, maximized: false };
    expect(restoreWindowPlacement(saved, [LAPTOP])).toEqual({ width: 1366, height: 728, maximized: false });
  });

  it('ignores a damaged or foreign state', () => {
    for (const saved of [{}, { bounds: 'x' }, { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }, 42]) {
      expect(restoreWindowPlacement(saved, [LAPTOP])).toEqual({ width: 1366, height: 728, maximized: false });
    }
  });

  it('never goes below the minimum size on a large display', () => {
    const saved = { bounds: { x: 1400, y: 0, width: 300, height: 200 }, maximized: false };
    expect(restoreWindowPlacement(saved, [RIGHT_MONITOR])).toMatchObject({ width: 1024, height: 640 });
  });
});

describe('window state file', () => {
  it('round-trips the state', () => {
    const dir = tempDir();
    const state = { bounds: { x: 1, y: 2, width: 1200, height: 700 }, maximized: false };
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
  });

  it('reads a damaged file as no state', () => {
    const dir = tempDir();
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds":');
    expect(readWindowState(dir)).toBeNull();
  });
});
