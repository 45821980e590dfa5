import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactMeta, redactText } from './redact';

describe('redactText', () => {
  it('replaces e-mail addresses', () => {
    expect(redactText('login failed for maria.silva@camara.sp.gov.br')).toBe('login failed for [e-mail]');
  });

  it('replaces bearer tokens', () => {
    expect(redactText('header Bearer abc.def')).toBe('header Bearer [removido]');
  });

  it('replaces long opaque tokens', () => {
    const token = 'f3a9c1d2e4b5a6978877665544332211aabbccdd';
    expect(redactText(`token ${token} expired`)).toBe('token [removido] expired');
  });

  it('replaces the home folder', () => {
    const text = `cannot open ${join(homedir(), 'Documentos', 'relatorio.pdf')}`;
    expect(redactText(text)).not.toContain(homedir());
    expect(redactText(text)).toContain('~');
  });

  it('keeps UUIDs', () => {
    const id = '0b5e1f4c-8f1a-4d61-9a3e-2f8b7c6d5e4a';
    expect(redactText(`ticket ${id} pushed`)).toBe(`ticket ${id} pushed`);
  });

  it('keeps ordinary words and short ids', () => {
    expect(redactText('sync failed: offline (attempt 3)')).toBe('sync failed: offline (attempt 3)');
  });
});

describe('redactMeta', () => {
  it('drops secret and content keys', () => {
    const meta = redactMeta({ token: 'x', password: 'y', subject: 'Erro no ofício', channel: 'tickets.get' });
    expect(meta).toEqual({ token: '[removido]', password: '[removido]', subject: '[removido]', channel: 'tickets.get' });
  });

  it('redacts nested strings', () => {
    const meta = redactMeta({ error: { message: 'user ana@exemplo.com.br not found', code: 404 } });
    expect(meta).toEqual({ error: { message: 'user [e-mail] not found', code: 404 } });
  });

  it('redacts strings inside arrays', () => {
    expect(redactMeta({ list: ['a@b.com.br', 2] })).toEqual({ list: ['[e-mail]', 2] });
  });
});
