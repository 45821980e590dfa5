import { describe, expect, it } from 'vitest';
import { isPlainMailToUrl } from './security';

describe('isPlainMailToUrl', () => {
  it.each([
    ['mailto:consultor@exemplo.com.br', true],
    ['mailto:Contato.Suporte+sac@exemplo.com.br', true],
    ['mailto:consultor@exemplo.com.br?subject=oi', false],
    ['mailto:consultor@exemplo.com.br?body=dados', false],
    ['mailto:a@exemplo.com.br,b@exemplo.com.br', false],
    ['mailto:consultor@exemplo.com.br#x', false],
    ['mailto:semarroba', false],
    ['https://exemplo.com.br', false],
    ['javascript:alert(1)', false],
    ['MAILTO:consultor@exemplo.com.br', true],
  ])('%s', (url, expected) => {
    expect(isPlainMailToUrl(url)).toBe(expected);
  });
});
