import { describe, expect, it } from 'vitest';
import { contactListsEmail, parseContactChannels } from './contactChannels';

describe('parseContactChannels', () => {
  it('single address', () => {
    expect(parseContactChannels('consultor@exemplo.com.br')).toEqual([{ kind: 'email', label: null, value: 'consultor@exemplo.com.br' }]);
  });

  it('labelled e-mail, Skype and WhatsApp', () => {
    expect(parseContactChannels('e-mail: contato@exemplo.com.br Skype: [skype do suporte] Whatsapp: (00) 0000-0000')).toEqual([
      { kind: 'email', label: 'E-mail', value: 'contato@exemplo.com.br' },
      { kind: 'text', label: 'Skype', value: '[skype do suporte]' },
      { kind: 'phone', label: 'WhatsApp', value: '(00) 0000-0000' },
    ]);
  });

  it('address and two phones with a dash', () => {
    expect(parseContactChannels('contato@exemplo.com.br (00) 0000-0000 – (00) 0000-0000')).toEqual([
      { kind: 'email', label: null, value: 'contato@exemplo.com.br' },
      { kind: 'phone', label: null, value: '(00) 0000-0000' },
      { kind: 'phone', label: null, value: '(00) 0000-0000' },
    ]);
  });

  it('phone then labelled WhatsApp', () => {
    expect(parseContactChannels('(00) 0000-0000 Whatsapp: (00) 0000-0000')).toEqual([
      { kind: 'phone', label: null, value: '(00) 0000-0000' },
      { kind: 'phone', label: 'WhatsApp', value: '(00) 0000-0000' },
    ]);
  });

  it('mobile, toll-free and area code without brackets', () => {
    const channels = parseContactChannels('Telefone: (13) 99876-5432 ou 0800 123 4567 Celular: 13 98765-4321');

    expect(channels.filter((channel) => channel.kind === 'phone').map((channel) => channel.value)).toEqual([
      '(13) 99876-5432',
      '0800 123 4567',
      '13 98765-4321',
    ]);
  });

  it('plain text stays text', () => {
    expect(parseContactChannels('Fale com a recepção')).toEqual([{ kind: 'text', label: null, value: 'Fale com a recepção' }]);
  });

  it('empty text has no channels', () => {
    expect(parseContactChannels('')).toEqual([]);
  });
});

describe('contactListsEmail', () => {
  const how = 'e-mail: Contato@Exemplo.com.br Whatsapp: (00) 0000-0000';

  it('listed address ignoring case', () => {
    expect(contactListsEmail(how, 'contato@exemplo.com.br')).toBe(true);
  });

  it('other address', () => {
    expect(contactListsEmail(how, 'outro@exemplo.com.br')).toBe(false);
  });

  it('address with extra mailto parts', () => {
    expect(contactListsEmail(how, 'contato@exemplo.com.br?body=oi')).toBe(false);
  });
});
