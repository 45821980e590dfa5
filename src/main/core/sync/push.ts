// Pushes the outbox in order, in batches. Attachments of a new ticket are uploaded before the
// ticket. The results of a batch are applied in one transaction: "applied" and "duplicate"
// remove the action and fold its effect into the row's server copy, and "rejected" moves it to
// the unsynced list and rolls its optimistic effect back.
import { existsSync } from 'node:fs';
import type { Mutation, PushResponse } from '../../../shared/wire';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store/database';
import { blobPath } from '../store/blobs';
import {
  acknowledgeAction,
  isAcknowledged,
  moveToUnsynced,
  nextBatch,
  pruneAcknowledged,
  markSending,
  recordSendError,
  targetOfOutboxRow,
  type OutboxRow,
} from '../store/outbox';
import { SyncFailure } from './errors';
import { dropOptimisticEvent, foldIntoServerCopy, recompute, type LocalContext, type SyncedEntity } from './optimistic';
import type { SacApi } from './sacApi';
import { cached } from '../store/statements';

const log = createLogger('push');

export interface PushOptions {
  db: SqliteDatabase;
  api: SacApi;
  blobDir: string;
  context: () => LocalContext;
  batchSize: number;
  now: () => Date;
  /** Called after each batch with the number of actions answered so far and the entities changed. */
  onBatch: (done: number, changedEntities: string[]) => void;
}

export async function pushOutbox(options: PushOptions): Promise<void> {
  const { db, api } = options;
  let done = 0;
  let batchSize = options.batchSize;
  // The log is pruned only on a measured server clock: a computer that starts weeks fast and
  // offline would otherwise empty it, and with it the actions to send again after a restore.
  if (api.clockOffsetMs !== null) pruneAcknowledged(db, serverNow(options));
  for (;;) {
    const { valid: batch, invalid } = nextBatch(db, batchSize);
    if (invalid.length > 0) {
      setAsideInvalid(db, invalid, options);
      options.onBatch(done, ['unsynced', 'ticket']);
      continue;
    }
    if (batch.length === 0) return;
    const mutations = batch.map((row) => row.mutation);
    const ids = mutations.map((mutation) => mutation.id);
    // Counted before the uploads: from the moment the batch is read, these rows will be sent, so
    // a later setting of the same item must queue beside them, not replace them.
    markSending(db, ids, options.now().toISOString());
    try {
      const refused = await uploadAttachments(options, mutations);
      if (refused.length > 0) {
        // The server will never take these files, so their tickets cannot succeed: they go to
        // the unsynced list with their text, and the actions behind them are not held up.
        db.transaction(() => {
          for (const { mutationId, error } of refused) rollBack(db, mutationId, error, options);
        })();
        options.onBatch(done, ['unsynced', 'ticket']);
        continue;
      }
      let response: PushResponse;
      try {
        response = await api.push(withEditOffsets(batch));
      } catch (error) {
        if (!isBodyTooLarge(error)) throw error;
        if (batch.length === 1) {
          // One action over the server's body limit will never fit; keep its text for the user.
          db.transaction(() => rollBack(db, ids[0]!, ACTION_TOO_LARGE, options))();
          log.warn('action larger than the server accepts; set aside', { mutationId: ids[0] });
          options.onBatch(done, ['unsynced', 'ticket']);
          continue;
        }
        // The client does not know the server's body limit, so a batch over it (413) is halved
        // until it fits. Resending is safe because the server applies each mutation id only once.
        batchSize = Math.ceil(batch.length / 2);
        log.warn('push batch too large for the server; halving it', { actions: batch.length, nextBatch: batchSize });
        continue;
      }
      const changed = new Set<string>();
      db.transaction(() => {
        // api.push has checked that the results match the mutations one for one, in order.
        for (const [index, result] of response.results.entries()) {
          if (result.status === 'rejected') {
            const error = result.error ?? { code: 'rejected', message: 'O servidor recusou esta ação.' };
            rollBack(db, result.id, error, options);
            changed.add('unsynced');
            log.warn('action rejected by server', { mutationId: result.id, code: error.code });
          } else {
            acknowledge(db, mutations[index]!, result.status === 'duplicate', options);
          }
          changed.add('ticket');
        }
      })();
      done += batch.length;
      options.onBatch(done, [...changed]);
    } catch (error) {
      const message = error instanceof SyncFailure ? error.kind : 'unexpected';
      recordSendError(db, ids, message);
      throw error;
    }
  }
}

/**
 * Sends with each action the server's clock offset as it was known when the user acted. The
 * server moves createdAt by it; for actions made before any offset was known it uses the offset
 * it measures from this push (clientTime). A clock corrected between an edit and its push thus
 * does not move the edit in time.
 */
function withEditOffsets(batch: OutboxRow[]): Mutation[] {
  return batch.map((row) => (row.clockOffsetMs === null ? row.mutation : { ...row.mutation, clockOffsetMs: row.clockOffsetMs }));
}

const ACTION_TOO_LARGE = {
  code: 'action_too_large',
  message: 'Esta ação passa do tamanho que o servidor SAC aceita. Copie o texto, divida-o em partes menores e tente de novo.',
};

function isBodyTooLarge(error: unknown): boolean {
  return error instanceof SyncFailure && error.options.status === 413;
}

/**
 * Returns the time on the server's clock as last measured. The acknowledged log is dated and
 * pruned on it, so that correcting a computer's wrong clock does not empty the log at once.
 */
function serverNow(options: PushOptions): Date {
  return new Date(options.now().getTime() + (options.api.clockOffsetMs ?? 0));
}

function acknowledge(db: SqliteDatabase, mutation: Mutation, duplicate: boolean, options: PushOptions): void {
  const target = targetOfOutboxRow(db, mutation.id);
  // An action already in the log was sent again after the server's data went back in time. Its
  // row was pulled again since, so the server copy is current and must not take the old effect.
  const resent = duplicate && isAcknowledged(db, mutation.id);
  acknowledgeAction(db, mutation.id, serverNow(options).toISOString());
  if (!target) return;
  if (resent) recompute(db, target.entity as SyncedEntity, target.id, options.context());
  else foldIntoServerCopy(db, target.entity as SyncedEntity, target.id, mutation, options.context());
}

/** Moves actions that can no longer be sent to the unsynced list, where the user still finds their text. */
function setAsideInvalid(db: SqliteDatabase, ids: string[], options: PushOptions): void {
  db.transaction(() => {
    for (const id of ids) {
      rollBack(
        db,
        id,
        {
          code: 'invalid_local_action',
          message: 'Esta ação ficou com dados inválidos neste computador e não pode ser enviada. Copie o texto e refaça a ação.',
        },
        options,
      );
      log.error('outbox row cannot be parsed; set aside', { mutationId: id });
    }
  })();
}

function rollBack(db: SqliteDatabase, mutationId: string, error: { code: string; message: string }, options: PushOptions): void {
  const target = targetOfOutboxRow(db, mutationId);
  moveToUnsynced(db, mutationId, error, options.now().toISOString());
  dropOptimisticEvent(db, mutationId);
  if (target) recompute(db, target.entity as SyncedEntity, target.id, options.context());
}

/**
 * Uploads every attachment of the batch's new tickets that the server may not have yet. Returns
 * the tickets whose file the server refused (4xx: a name, type or size it does not accept, or
 * bytes that changed on disk since they were attached); a network or server failure throws.
 */
async function uploadAttachments(
  options: PushOptions,
  mutations: Mutation[],
): Promise<Array<{ mutationId: string; error: { code: string; message: string } }>> {
  const { db, api, blobDir } = options;
  const refused: Array<{ mutationId: string; error: { code: string; message: string } }> = [];
  for (const mutation of mutations) {
    if (mutation.name !== 'ticket.create') continue;
    for (const attachment of mutation.args.attachments ?? []) {
      const row = cached(db, 'SELECT uploaded FROM blobs WHERE sha256 = ?').get(attachment.sha256) as
        | { uploaded: number }
        | undefined;
      if (row?.uploaded) continue;
      const file = blobPath(blobDir, attachment.sha256);
      if (!existsSync(file)) {
        // The server will reject the ticket and its text goes to the unsynced list.
        log.warn('attachment file missing; the ticket will be rejected', { sha256: attachment.sha256, mutationId: mutation.id });
        continue;
      }
      try {
        await api.uploadAttachment(file, attachment.sha256, attachment.fileName, attachment.contentType);
      } catch (error) {
        if (!(error instanceof SyncFailure) || error.kind !== 'rejected') throw error;
        log.warn('attachment refused by the server', { sha256: attachment.sha256, mutationId: mutation.id, code: error.options.serverCode });
        refused.push({
          mutationId: mutation.id,
          error: {
            code: error.options.serverCode ?? 'attachment_refused',
            message: `O anexo "${attachment.fileName}" não foi aceito pelo servidor SAC: ${error.message}`,
          },
        });
        break;
      }
      cached(db, 'UPDATE blobs SET uploaded = 1 WHERE sha256 = ?').run(attachment.sha256);
      log.info('attachment uploaded', { sha256: attachment.sha256, size: attachment.size });
    }
  }
  return refused;
}
