// The protocol's error envelope: every error the server returns is an HttpError turned into
// {"error": {code, message, details}} with a pt-BR message, never a stack trace.
import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';
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
/** The words a person reads for the fields of the forms; other protocol fields keep their names. */
const FIELD_LABELS: Record<string, string> = {
  name: 'nome',
  email: 'e-mail',
  password: 'senha',
  inviteCode: 'código de convite',
  limit: 'limite',
  mutations: 'ações',
};

function fieldLabel(path: string): string {
  if (!path) return '(corpo)';
  const [first, ...rest] = path.split('.');
  return [FIELD_LABELS[first!] ?? first, ...rest].join('.');
}

export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = issuesToDetails(parsed.error.issues);
  // A field with several issues is named once in the message, but details keeps every issue.
  const fields = [...new Set(details.map((detail) => fieldLabel(detail.path)))].join(', ');
  throw new HttpError(400, 'validation_failed', `${what} inválido: confira ${fields}.`, details);
}

export const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Sessão ausente, expirada ou encerrada. Entre novamente com seu e-mail e senha.');

export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

export const notFound = (message: string) => new HttpError(404, 'not_found', message);

/** Maps any error to the protocol's envelope; Fastify's own errors get pt-BR messages. */
export function toErrorEnvelope(error: FastifyError | HttpError): {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; details?: unknown[] } };
} {
  if (error instanceof HttpError) {
    const body: { code: string; message: string; details?: unknown[] } = { code: error.code, message: error.message };
    if (error.details) body.details = error.details;
    return { status: error.statusCode, headers: error.headers, body: { error: body } };
  }
  const code = (error as FastifyError).code;
  const known: Record<string, [number, string, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'O corpo da requisição não é um JSON válido.'],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'O corpo da requisição está vazio; envie um JSON.'],
    FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'O corpo da requisição passa do tamanho máximo aceito.'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [
      415,
      'unsupported_media_type',
      'Tipo de conteúdo não aceito nesta rota; envie application/json.',
    ],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length', 'O cabeçalho Content-Length não confere com o corpo.'],
    FST_ERR_BAD_URL: [400, 'invalid_url', 'Endereço da requisição inválido: confira a codificação com % da rota.'],
    FST_ERR_MAX_PARAM_LENGTH: [414, 'url_too_long', 'Um trecho do endereço da requisição passa do tamanho máximo aceito.'],
  };
  const mapped = code ? known[code] : undefined;
  if (mapped) return { status: mapped[0], headers: {}, body: { error: { code: mapped[1], message: mapped[2] } } };
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return {
      status,
      headers: {},
      body: { error: { code: 'bad_request', message: 'Requisição inválida. Confira o método, a rota e o corpo enviados.' } },
    };
  }
  return {
    status: 500,
    headers: {},
    body: { error: { code: 'internal', message: 'Erro interno do servidor SAC. Tente de novo em instantes.' } },
  };
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'A requisição demorou demais para chegar. Tente de novo.'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'Os cabeçalhos da requisição passam do tamanho máximo aceito.'],
};

/**
 * Builds the raw HTTP response for a request that Node's parser rejected before Fastify saw it
 * (a malformed header, say), in the protocol's envelope. Returns null for a connection reset.
 */
export function clientErrorResponse(error: Error & { code?: string }): string | null {
  if (error.code === 'ECONNRESET') return null;
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'bad_request',
    'Requisição HTTP malformada. Confira o método, os cabeçalhos e o corpo enviados.',
  ];
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}
