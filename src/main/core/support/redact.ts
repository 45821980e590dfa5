// Removes personal data and secrets from text and log metadata before it is written to a log
// file or exported in a diagnostics file. Support staff read both, so neither may carry a token,
// a password, an e-mail address, a home folder's user name or what a user typed in a ticket.
import { homedir } from 'node:os';

/** Metadata keys whose values are never logged, whatever they hold. */
const SECRET_KEYS = /^(token|password|senha|authorization|cookie|secret|cipher.*|body|data|args|payload|text|description|subject|note|content|html|email|fileName|filename)$/i;

const REMOVED = '[removido]';

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const BEARER = /\bBearer\s+\S+/gi;
/** Opaque tokens: long runs of hex or base64url characters, as session tokens and keys are. */
const LONG_TOKEN = /\b[A-Za-z0-9_-]{32,}={0,2}/g;
/** UUIDs are record ids (users, tickets, actions) that support needs, not secrets. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const home = homedir();
// The home folder carries the operating-system user name (C:\Users\maria, /home/maria).
const HOME = home.length > 1 ? new RegExp(escapeRegExp(home), 'gi') : null;

/** Returns the text with e-mail addresses, bearer tokens, long opaque tokens and the home folder replaced. */
export function redactText(text: string): string {
  let result = text.replace(BEARER, `Bearer ${REMOVED}`).replace(EMAIL, '[e-mail]').replace(LONG_TOKEN, (match) => (UUID.test(match) ? match : REMOVED));
  if (HOME) result = result.replace(HOME, '~');
  return result;
}

/** Returns a copy of log metadata with secret keys dropped to a marker and every string redacted. */
export function redactMeta(meta: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (SECRET_KEYS.test(key)) result[key] = REMOVED;
    else result[key] = redactValue(value, depth);
  }
  return result;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth >= 4) return typeof value === 'object' && value !== null ? '[...]' : value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value && typeof value === 'object') return redactMeta(value as Record<string, unknown>, depth + 1);
  return value;
}
