import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from './ids';

describe('newId', () => {
  it('passes the wire uuid check', () => {
    expect(z.uuid().safeParse(newId()).success).toBe(true);
  });

  it('sorts in creation order', () => {
    const ids = Array.from({ length: 1_000 }, () => newId());

    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the given time', () => {
    const earlier = newId('2025-01-06T12:00:00.000Z');
    const later = newId(new Date('2025-01-06T12:00:00.001Z'));

    expect(earlier.replace('-', '').slice(0, 12)).toBe(Date.parse('2025-01-06T12:00:00.000Z').toString(16).padStart(12, '0'));
    expect(earlier < later).toBe(true);
  });

  it('falls back to now on a bad time', () => {
    expect(z.uuid().safeParse(newId('ontem')).success).toBe(true);
  });
});
