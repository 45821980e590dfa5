// Pushes the outbox in order, in batches. Attachments of a new ticket are uploaded before the
// ticket. The results of a batch are applied in one transaction: "applied" and "duplicate"
// remove the action and fold its effect into the row's server copy, and "rejected" moves it to
// the unsynced list and rolls its optimistic effect back.
import { existsSync } from 'node:fs';
import type { Mutation, PushResponse } from '../../../shared/wire';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store/database';
import { blobPath } from '../store/blobs';
import { moveToUnsynced, nextBatch, recordAttempt, removeFromOutbox, targetOfOutboxRow } from '../store/outbox';
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
    try {
      await uploadAttachments(options, mutations);
      let response: PushResponse;
      try {
        response = await api.push(mutations);
      } catch (error) {
        // The client does not know the server's body limit, so a batch over it (413) is halved
        // until it fits. Resending is safe because the server applies each mutation id only once.
        if (!isBodyTooLarge(error) || batch.length === 1) throw error;
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
            acknowledge(db, mutations[index]!, options);
          }
          changed.add('ticket');
        }
      })();
      done += batch.length;
      options.onBatch(done, [...changed]);
    } catch (error) {
      const message = error instanceof SyncFailure ? error.kind : 'unexpected';
      recordAttempt(db, ids, message, options.now().toISOString());
      throw error;
    }
  }
}

function isBodyTooLarge(error: unknown): boolean {
  return error instanceof SyncFailure && error.options.status === 413;
}

function acknowledge(db: SqliteDatabase, mutation: Mutation, options: PushOptions): void {
  const target = targetOfOutboxRow(db, mutation.id);
  removeFromOutbox(db, mutation.id);
  if (target) foldIntoServerCopy(db, target.entity as SyncedEntity, target.id, mutation, options.context());
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

/** Uploads every attachment of the batch's new tickets that the server may not have yet. */
async function uploadAttachments(options: PushOptions, mutations: Mutation[]): Promise<void> {
  const { db, api, blobDir } = options;
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
      await api.uploadAttachment(file, attachment.sha256, attachment.fileName, attachment.contentType);
      cached(db, 'UPDATE blobs SET uploaded = 1 WHERE sha256 = ?').run(attachment.sha256);
      log.info('attachment uploaded', { sha256: attachment.sha256, size: attachment.size });
    }
  }
}
