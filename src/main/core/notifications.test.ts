// Notifications written by the pull: who gets one, the quiet first sync, read state and the
// desktop announcements taken once.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TicketEventData } from '../../shared/wire';
import { listNotifications, markNotificationsRead, takeUnannounced, unreadCount } from './notifications';
import { setMeta } from './store/meta';
import type { SqliteDatabase } from './store/database';
import { applyPullPage } from './sync/applyPull';
import { performAction } from './actions';
import { change, CLIENT_ID, clientContext, consultantContext, CONSULTANT_ID, page, serverEvent, serverTicket } from './testSupport/fixtures';
import { tempStore } from './testSupport/tempStore';

const OTHER_CLIENT_ID = '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d09';
let version = 0;

function signedIn(role: 'cliente' | 'consultor', userId: string, synced = true): SqliteDatabase {
  const { db } = tempStore();
  setMeta(db, 'userId', userId);
  setMeta(db, 'userRole', role);
  if (synced) setMeta(db, 'lastSyncAt', '2026-03-01T12:00:00.000Z');
  return db;
}

function pullTicket(db: SqliteDatabase, createdById: string): string {
  const id = randomUUID();
  applyPullPage(db, page([change('ticket', id, ++version, serverTicket({ protocol: 9700, createdById }))]), clientContext());
  return id;
}

function pullEvent(db: SqliteDatabase, ticketId: string, overrides: Partial<TicketEventData>): string {
  const id = randomUUID();
  applyPullPage(db, page([change('ticketEvent', id, ++version, serverEvent(ticketId, overrides))]), clientContext());
  return id;
}

const byConsultant = { actorId: CONSULTANT_ID, actorName: 'Carla Consultora' };

describe('notification rule', () => {
  it.each(['status', 'solved', 'comment'] as const)('%s by another on own ticket notifies', (kind) => {
    const db = signedIn('cliente', CLIENT_ID);
    const ticketId = pullTicket(db, CLIENT_ID);
    pullEvent(db, ticketId, { ...byConsultant, kind, text: 'Texto do evento' });

    const { items, unread } = listNotifications(db);
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({ ticketId, kind, actorName: 'Carla Consultora', text: 'Texto do evento', read: false });
  });

  it('titles name the kind and protocol', () => {
    const db = signedIn('cliente', CLIENT_ID);
    pullEvent(db, pullTicket(db, CLIENT_ID), { ...byConsultant, kind: 'comment', text: 'Olá' });

    expect(listNotifications(db).items[0]?.title).toBe('Novo comentário · Solicitação 9700');
  });

  it('an entry pulled again does not notify', () => {
    const db = signedIn('cliente', CLIENT_ID, false);
    const ticketId = pullTicket(db, CLIENT_ID);
    const eventId = pullEvent(db, ticketId, { ...byConsultant, kind: 'comment', text: 'Antigo' });
    setMeta(db, 'lastSyncAt', '2026-03-01T12:00:00.000Z');
    // After a server restore the pull brings the same entry again, with a newer version.
    applyPullPage(db, page([change('ticketEvent', eventId, ++version, serverEvent(ticketId, { ...byConsultant, kind: 'comment', text: 'Antigo' }))]), clientContext());

    expect(unreadCount(db)).toBe(0);
  });

  it('ticket later in the page still notifies', () => {
    const db = signedIn('cliente', CLIENT_ID);
    const ticketId = randomUUID();
    const eventId = randomUUID();
    applyPullPage(
      db,
      page([
        change('ticketEvent', eventId, ++version, serverEvent(ticketId, { ...byConsultant, kind: 'comment', text: 'Antes do chamado' })),
        change('ticket', ticketId, ++version, serverTicket({ protocol: 9701, createdById: CLIENT_ID })),
      ]),
      clientContext(),
    );

    expect(listNotifications(db).items.map((item) => item.id)).toEqual([eventId]);
  });

  it('entry pages before its ticket notifies', () => {
    const db = signedIn('consultor', CONSULTANT_ID);
    const ticketId = randomUUID();
    const eventId = randomUUID();
    const byClient = { actorId: OTHER_CLIENT_ID, actorName: 'Rafael da Câmara' };
    // The server sends a ticket at its latest version, after the entry that created it.
    applyPullPage(db, page([change('ticketEvent', eventId, ++version, serverEvent(ticketId, { ...byClient, kind: 'created', text: 'Solicitação criada' }))], 'c1', true), consultantContext());
    expect(unreadCount(db)).toBe(0);
    applyPullPage(db, page([change('ticket', ticketId, ++version, serverTicket({ protocol: 9702, createdById: OTHER_CLIENT_ID }))]), consultantContext());

    expect(listNotifications(db).items.map((item) => item.id)).toEqual([eventId]);
  });

  it('own action does not notify', () => {
    const db = signedIn('cliente', CLIENT_ID);
    pullEvent(db, pullTicket(db, CLIENT_ID), { actorId: CLIENT_ID, kind: 'comment', text: 'Eu mesmo' });

    expect(unreadCount(db)).toBe(0);
  });

  it("colleague's ticket does not notify a client", () => {
    const db = signedIn('cliente', CLIENT_ID);
    pullEvent(db, pullTicket(db, OTHER_CLIENT_ID), { ...byConsultant, kind: 'solved', text: 'Resolvido' });

    expect(unreadCount(db)).toBe(0);
  });

  it('consultant hears about every ticket', () => {
    const db = signedIn('consultor', CONSULTANT_ID);
    const ticketId = pullTicket(db, OTHER_CLIENT_ID);
    pullEvent(db, ticketId, { actorId: OTHER_CLIENT_ID, kind: 'rejected', text: 'Ainda com erro' });

    expect(listNotifications(db).items.map((item) => item.kind)).toEqual(['rejected']);
  });

  it('first sync of an old account is quiet', () => {
    const db = signedIn('cliente', CLIENT_ID, false);
    const ticketId = pullTicket(db, CLIENT_ID);
    for (let i = 0; i < 20; i++) pullEvent(db, ticketId, { ...byConsultant, kind: 'comment', text: `Antigo ${i}` });

    expect(unreadCount(db)).toBe(0);
  });

  it('local history entry does not notify', () => {
    // Only pulled entries (with a server copy) notify, whoever the local entry names.
    const db = signedIn('cliente', CLIENT_ID);
    const ticketId = pullTicket(db, CLIENT_ID);
    performAction(db, consultantContext(), 'ticket.comment', { ticketId, text: 'Local' });

    expect(unreadCount(db)).toBe(0);
  });

  it('repeated pull of one event notifies once', () => {
    const db = signedIn('cliente', CLIENT_ID);
    const ticketId = pullTicket(db, CLIENT_ID);
    const eventId = randomUUID();
    const data = serverEvent(ticketId, { ...byConsultant, kind: 'comment', text: 'Uma vez' });
    applyPullPage(db, page([change('ticketEvent', eventId, ++version, data)]), clientContext());
    applyPullPage(db, page([change('ticketEvent', eventId, ++version, data)]), clientContext());

    expect(unreadCount(db)).toBe(1);
  });
});

describe('notification state', () => {
  function withThree() {
    const db = signedIn('cliente', CLIENT_ID);
    const first = pullTicket(db, CLIENT_ID);
    const second = pullTicket(db, CLIENT_ID);
    const ids = [
      pullEvent(db, first, { ...byConsultant, kind: 'status', at: '2026-03-02T13:00:00.000Z' }),
      pullEvent(db, first, { ...byConsultant, kind: 'comment', at: '2026-03-02T14:00:00.000Z' }),
      pullEvent(db, second, { ...byConsultant, kind: 'solved', at: '2026-03-02T15:00:00.000Z' }),
    ];
    return { db, first, second, ids };
  }

  it('lists newest first', () => {
    const { db, ids } = withThree();

    expect(listNotifications(db).items.map((item) => item.id)).toEqual([...ids].reverse());
  });

  it('marks one read', () => {
    const { db, ids } = withThree();
    markNotificationsRead(db, { ids: [ids[0]!] }, new Date());

    expect(unreadCount(db)).toBe(2);
  });

  it("marks a ticket's read", () => {
    const { db, first } = withThree();
    markNotificationsRead(db, { ticketId: first }, new Date());

    expect(listNotifications(db).items.filter((item) => !item.read).map((item) => item.kind)).toEqual(['solved']);
  });

  it('marks all read', () => {
    const { db } = withThree();
    markNotificationsRead(db, { all: true }, new Date());

    expect(unreadCount(db)).toBe(0);
  });

  it('announces each once', () => {
    const { db, ids } = withThree();

    expect(takeUnannounced(db).map((item) => item.id)).toEqual(ids);
    expect(takeUnannounced(db)).toEqual([]);
  });
});
