import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../shared/wire';
import { tempStore } from '../testSupport/tempStore';
import {
  acknowledgeAction,
  enqueue,
  moveToUnsynced,
  outboxCount,
  peekOutbox,
  pendingEntityIds,
  pendingFor,
  markSending,
  recordSendError,
  removeFromOutbox,
  requeueAcknowledged,
  unsyncedCount,
} from './outbox';

function comment(ticketId: string, text: string): Mutation {
  return { id: randomUUID(), name: 'ticket.comment', args: { ticketId, text }, createdAt: new Date().toISOString() };
}

describe('outbox', () => {
  it('peek keeps insertion order', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const mutations = ['primeiro', 'segundo', 'terceiro'].map((text) => comment(ticketId, text));
    for (const mutation of mutations) enqueue(db, mutation, { entity: 'ticket', id: ticketId });

    expect(peekOutbox(db, 10).map((row) => row.mutation)).toEqual(mutations);
  });

  it('resent actions go ahead of waiting ones', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const [first, second, waiting] = ['a', 'b', 'c'].map((text) => comment(ticketId, text)) as [Mutation, Mutation, Mutation];
    for (const mutation of [first, second, waiting]) enqueue(db, mutation, { entity: 'ticket', id: ticketId });
    acknowledgeAction(db, first.id, new Date().toISOString());
    acknowledgeAction(db, second.id, new Date().toISOString());

    expect(requeueAcknowledged(db)).toBe(2);
    expect(requeueAcknowledged(db)).toBe(0);
    expect(peekOutbox(db, 10).map((row) => row.mutation.id)).toEqual([first.id, second.id, waiting.id]);
    const later = comment(ticketId, 'd');
    enqueue(db, later, { entity: 'ticket', id: ticketId });
    expect(peekOutbox(db, 10).at(-1)?.mutation.id).toBe(later.id);
  });

  it('order survives a removal', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const [first, second, third] = ['a', 'b', 'c'].map((text) => comment(ticketId, text)) as [Mutation, Mutation, Mutation];
    for (const mutation of [first, second, third]) enqueue(db, mutation, { entity: 'ticket', id: ticketId });
    removeFromOutbox(db, second.id);
    const fourth = comment(ticketId, 'd');
    enqueue(db, fourth, { entity: 'ticket', id: ticketId });

    expect(peekOutbox(db, 10).map((row) => row.mutation.id)).toEqual([first.id, third.id, fourth.id]);
  });

  it('peek honours the limit', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    for (const text of ['a', 'b', 'c']) enqueue(db, comment(ticketId, text), { entity: 'ticket', id: ticketId });

    expect(peekOutbox(db, 2)).toHaveLength(2);
  });

  it('counts pending actions', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    expect(outboxCount(db)).toBe(0);
    for (const text of ['a', 'b', 'c']) enqueue(db, comment(ticketId, text), { entity: 'ticket', id: ticketId });

    expect(outboxCount(db)).toBe(3);
  });

  it('rejects a duplicate mutation id', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const mutation = comment(ticketId, 'a');
    enqueue(db, mutation, { entity: 'ticket', id: ticketId });

    expect(() => enqueue(db, mutation, { entity: 'ticket', id: ticketId })).toThrow(/UNIQUE/);
    expect(outboxCount(db)).toBe(1);
  });

  it('pendingFor filters by target', () => {
    const { db } = tempStore();
    const [ticketA, ticketB] = [randomUUID(), randomUUID()];
    const forTicketA = [comment(ticketA, 'a1'), comment(ticketA, 'a2')];
    enqueue(db, forTicketA[0]!, { entity: 'ticket', id: ticketA });
    enqueue(db, comment(ticketB, 'b1'), { entity: 'ticket', id: ticketB });
    enqueue(db, forTicketA[1]!, { entity: 'ticket', id: ticketA });

    expect(pendingFor(db, 'ticket', ticketA)).toEqual(forTicketA);
    expect(pendingEntityIds(db, 'ticket')).toEqual(new Set([ticketA, ticketB]));
    expect(pendingEntityIds(db, 'stage')).toEqual(new Set());
  });

  it('records attempts and last error', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const mutation = comment(ticketId, 'a');
    enqueue(db, mutation, { entity: 'ticket', id: ticketId });
    markSending(db, [mutation.id], '2026-03-02T10:00:00.000Z');
    recordSendError(db, [mutation.id], 'offline');
    markSending(db, [mutation.id], '2026-03-02T10:01:00.000Z');
    recordSendError(db, [mutation.id], 'timeout');

    const [row] = peekOutbox(db, 1);
    expect(row?.attempts).toBe(2);
    expect(row?.lastError).toBe('timeout');
  });

  it('unsynced keeps the user text', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const mutation = comment(ticketId, 'Texto longo que o usuário escreveu com cuidado.');
    enqueue(db, mutation, { entity: 'ticket', id: ticketId });
    moveToUnsynced(db, mutation.id, { code: 'ticket_not_found', message: 'Solicitação não encontrada.' }, '2026-03-02T10:00:00.000Z');

    expect(outboxCount(db)).toBe(0);
    expect(unsyncedCount(db)).toBe(1);
    const row = db.prepare('SELECT * FROM unsynced WHERE id = ?').get(mutation.id) as Record<string, string>;
    expect(JSON.parse(row.args_json!)).toEqual(mutation.args);
    expect(row.name).toBe('ticket.comment');
    expect(row.created_at).toBe(mutation.createdAt);
    expect(row.error_code).toBe('ticket_not_found');
    expect(row.error_message).toBe('Solicitação não encontrada.');
  });
});
