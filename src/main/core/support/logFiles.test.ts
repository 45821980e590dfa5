import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport/tempStore';
import { logFiles, rotateLogFile } from './logFiles';

function write(dir: string, name: string, text: string) {
  writeFileSync(join(dir, name), text);
}

describe('rotateLogFile', () => {
  it('moves the live file to the first archive', () => {
    const dir = tempDir();
    write(dir, 'main.log', 'now');
    rotateLogFile(join(dir, 'main.log'), 3);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('now');
  });

  it('shifts archives and drops the oldest', () => {
    const dir = tempDir();
    write(dir, 'main.log', 'live');
    write(dir, 'main.1.log', 'one');
    write(dir, 'main.2.log', 'two');
    write(dir, 'main.3.log', 'three');
    rotateLogFile(join(dir, 'main.log'), 3);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('live');
    expect(readFileSync(join(dir, 'main.2.log'), 'utf8')).toBe('one');
    expect(readFileSync(join(dir, 'main.3.log'), 'utf8')).toBe('two');
  });

  it('deletes archives past a lowered limit', () => {
    const dir = tempDir();
    write(dir, 'main.log', 'live');
    write(dir, 'main.7.log', 'old');
    rotateLogFile(join(dir, 'main.log'), 2);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log']);
  });

  it('leaves other files alone', () => {
    const dir = tempDir();
    write(dir, 'main.log', 'live');
    write(dir, 'renderer.1.log', 'other');
    rotateLogFile(join(dir, 'main.log'), 2);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'renderer.1.log']);
  });
});

describe('logFiles', () => {
  it('lists existing files newest first', () => {
    const dir = tempDir();
    write(dir, 'main.log', 'live');
    write(dir, 'main.2.log', 'two');
    expect(logFiles(join(dir, 'main.log'), 5)).toEqual([join(dir, 'main.log'), join(dir, 'main.2.log')]);
  });
});
