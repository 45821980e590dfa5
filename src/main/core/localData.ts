// What the user's local data holds that the server does not have yet, described in pt-BR for
// the warning of "Sair e apagar dados deste computador", and the erase itself.
import { rmSync } from 'node:fs';
import type { LocalDataSummary, PendingActionView } from '../../shared/ipc';
import { createLogger } from './log';
import type { SqliteDatabase } from './store/database';
import { getMeta } from './store/meta';
import { peekOutbox, unsyncedCount, type OutboxRow } from './store/outbox';

const log = createLogger('localData');

/** Outbox rows listed in the warning; more than this is summarized by the count. */
export const PENDING_LIST_LIMIT = 200;

function ticketReference(db: SqliteDatabase, ticketId: unknown): string {
  if (typeof ticketId !== 'string') return 'solicitação';
  const row = db.prepare('SELECT protocol, subject FROM tickets WHERE id = ?').get(ticketId) as
    | { protocol: number | null; subject: string }
    | undefined;
  if (!row) return 'solicitação';
  return row.protocol !== null ? `solicitação ${row.protocol}` : `solicitação “${row.subject}”`;
}

/** Describes one outbox action the way the user would name it. */
export function describePendingAction(db: SqliteDatabase, row: OutboxRow): PendingActionView {
  const args = row.mutation.args as Record<string, unknown>;
  // A name this version does not know can come from a newer version's outbox rows.
  const name: string = row.mutation.name;
  let label: string;
  switch (name) {
    case 'ticket.create':
      label = `Nova solicitação: ${String(args.subject ?? '')}`;
      break;
    case 'ticket.reject':
      label = `Rejeição da ${ticketReference(db, args.ticketId)}`;
      break;
    case 'ticket.comment':
      label = `Comentário na ${ticketReference(db, args.ticketId)}`;
      break;
    case 'ticket.setStatus':
      label = `Mudança de situação da ${ticketReference(db, args.ticketId)}`;
      break;
    case 'ticket.solve':
      label = `Solução da ${ticketReference(db, args.ticketId)}`;
      break;
    case 'checklist.set':
      label = `Checklist: item ${String(args.itemId)} ${args.done ? 'marcado como feito' : 'desmarcado'}`;
      break;
    case 'stage.set':
      label = 'Etapa da implantação atualizada';
      break;
    default:
      label = `Ação “${name}”`;
  }
  return { id: row.mutation.id, label, createdAt: row.mutation.createdAt, attempts: row.attempts };
}

export function summarizeLocalData(db: SqliteDatabase): LocalDataSummary {
  return {
    pendingActions: peekOutbox(db, PENDING_LIST_LIMIT).map((row) => describePendingAction(db, row)),
    rejectedCount: unsyncedCount(db),
    lastSuccessAt: getMeta(db, 'lastSyncAt'),
  };
}

/**
 * Deletes a user's local data folder: database, write-ahead log and attachments. The caller
 * closes the database first. Retries cover Windows, where an antivirus scan can hold a file
 * for a moment after it is closed.
 */
export function eraseAccountFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  log.info('local data of an account erased');
}
