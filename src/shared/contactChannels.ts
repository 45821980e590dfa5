// Splits the "Como?" column of the vendor's contacts table, which the server sends as free text
// such as "e-mail: contato@exemplo.com.br Skype: [skype do suporte] Whatsapp: (00) 0000-0000",
// into e-mail addresses, phone numbers and other text, so the UI can offer copy and e-mail
// actions. The main process uses it too, to open only addresses that the table contains.

export type ContactChannel =
  | { kind: 'email'; label: string | null; value: string }
  | { kind: 'phone'; label: string | null; value: string }
  | { kind: 'text'; label: string | null; value: string };

// A label is a word such as "Whatsapp" or "e-mail" followed by a colon.
const LABEL = /(e-?mail|skype|whats\s?app|telefone|tel\.?|celular|fax|plantão)\s*:/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// Brazilian numbers with an optional area code: (13) 3333-4444, 13 99999-8888, 0800 123 4567.
const PHONE = /(?:\(\d{2}\)\s?|\b\d{2}\s)?\d{4,5}[-\s]?\d{4}\b|\b0800[\s-]?\d{3}[\s-]?\d{4}\b/g;

const LABEL_NAMES: Record<string, string> = {
  email: 'E-mail',
  'e-mail': 'E-mail',
  skype: 'Skype',
  whatsapp: 'WhatsApp',
  telefone: 'Telefone',
  tel: 'Telefone',
  'tel.': 'Telefone',
  celular: 'Celular',
  fax: 'Fax',
  plantão: 'Plantão',
};

function labelName(raw: string): string {
  const key = raw.toLowerCase().replace(/\s+/g, '');
  return LABEL_NAMES[key] ?? raw;
}

/** Splits one labelled (or unlabelled) piece of text into its channels. */
function channelsOf(text: string, label: string | null): ContactChannel[] {
  const found: Array<{ index: number; channel: ContactChannel }> = [];
  for (const match of text.matchAll(EMAIL)) {
    found.push({ index: match.index, channel: { kind: 'email', label, value: match[0] } });
  }
  const withoutEmails = text.replace(EMAIL, (email) => ' '.repeat(email.length));
  for (const match of withoutEmails.matchAll(PHONE)) {
    found.push({ index: match.index, channel: { kind: 'phone', label, value: match[0].trim() } });
  }
  // Whatever is left, such as "[skype do suporte]", stays as text, minus the separators.
  const rest = withoutEmails
    .replace(PHONE, ' ')
    .replace(/[–—,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (rest) found.push({ index: text.indexOf(rest.split(' ')[0]!), channel: { kind: 'text', label, value: rest } });
  return found.sort((a, b) => a.index - b.index).map((item) => item.channel);
}

/** Parses the "Como?" text of a contact into e-mail addresses, phone numbers and other text, in order. */
export function parseContactChannels(how: string): ContactChannel[] {
  const channels: ContactChannel[] = [];
  const labels = [...how.matchAll(LABEL)];
  const firstLabelAt = labels[0]?.index ?? how.length;
  channels.push(...channelsOf(how.slice(0, firstLabelAt), null));
  labels.forEach((match, index) => {
    const start = match.index + match[0].length;
    const end = labels[index + 1]?.index ?? how.length;
    channels.push(...channelsOf(how.slice(start, end), labelName(match[1]!)));
  });
  return channels;
}

/** Returns whether a contact's text lists this e-mail address (compared without case). */
export function contactListsEmail(how: string, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return parseContactChannels(how).some((channel) => channel.kind === 'email' && channel.value.toLowerCase() === wanted);
}
