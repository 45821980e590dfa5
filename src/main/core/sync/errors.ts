// Why a request to the SAC server failed, classified for the sync engine (retry or not, and how
// long to wait) and for the user (a pt-BR sentence from the shared message table).
import { AppError, ERROR_MESSAGES, formatMessage } from '../../../shared/errors';

export type SyncFailureKind =
  | 'offline'
  | 'timeout'
  | 'server_unavailable'
  | 'captive_portal'
  | 'invalid_response'
  | 'unauthorized'
  | 'rate_limited'
  | 'rejected';

export class SyncFailure extends AppError {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly options: {
      status?: number;
      /** From the server's Retry-After header. */
      retryAfterMs?: number;
      /** The server's own error code, for 4xx answers. */
      serverCode?: string;
      /** The server's own pt-BR sentence, when a 401 or 429 carried an error envelope. */
      serverMessage?: string;
      cause?: unknown;
    } = {},
  ) {
    super(kind, message);
    this.name = 'SyncFailure';
  }

  /** Whether a later automatic attempt may succeed without the user doing anything. */
  get retryable(): boolean {
    return this.kind !== 'unauthorized' && this.kind !== 'rejected';
  }
}

export function failure(kind: Exclude<SyncFailureKind, 'rejected'>, options: SyncFailure['options'] = {}): SyncFailure {
  const template = ERROR_MESSAGES[kind];
  return new SyncFailure(kind, formatMessage(template, { status: options.status ?? '' }), options);
}
