// The protocol's error envelope: every error the server returns is an HttpError turned into
// {"error": {code, message, details}} with a pt-BR message, never a stack trace.
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Turns zod issues into the envelope's details: the field's path and a pt-BR sentence. */
export function issuesToDetails(issues: ReadonlyArray<z.core.$ZodIssue>): Array<{ path: string; message: string }> {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses a request part with a zod schema or throws a 400 that names each wrong field. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = issuesToDetails(parsed.error.issues);
  const fields = details.map((detail) => detail.path || '(corpo)').join(', ');
  throw new HttpError(400, 'validation_failed', `${what} inválido: confira ${fields}.`, details);
}

export const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Sessão ausente, expirada ou encerrada. Entre novamente com seu e-mail e senha.');

export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

export const notFound = (message: string) => new HttpError(404, 'not_found', message);
