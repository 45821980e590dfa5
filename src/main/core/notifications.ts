// Notificações: what others did on the user's tickets, as pulls bring it. The pull writes the
// rows at the end of each page, in the page's transaction (PageEffects in sync/applyPull.ts).
// This module reads them, marks them read and picks the ones still to show on the desktop.
import type { NotificationKind, NotificationView } from '../../shared/ipc';
import type { SqliteDatabase } from './store/database';

const KIND_TITLES: Record<NotificationKind, string> = {
  status: 'Situação alterada',
  solved: 'Solução registrada',
  comment: 'Novo comentário',
  rejected: 'Solução rejeitada',
  created: 'Nova solicitação',
};

interface NotificationRow {
  id: string;
  ticket_id: string;
  kind: NotificationKind;
  actor_name: string;
  text: string;
  at: string;
  read_at: string | null;
  protocol: number | null;
  subject: string | null;
}

const SELECT_VIEW = `SELECT n.id, n.ticket_id, n.kind, n.actor_name, n.text, n.at, n.read_at, t.protocol, t.subject
  FROM notifications n LEFT JOIN tickets t ON t.id = n.ticket_id`;

function toView(row: NotificationRow): NotificationView {
  const ticketName = row.protocol ? `Solicitação ${row.protocol}` : 'Solicitação';
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind,
    title: `${KIND_TITLES[row.kind] ?? 'Atualização'} · ${ticketName}`,
    subject: row.subject ?? '',
    text: row.text,
    actorName: row.actor_name,
    at: row.at,
    read: row.read_at !== null,
  };
}

export function unreadCount(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM notifications WHERE read_at IS NULL').get() as { n: number }).n;
}

/** Lists the newest notifications with the number still unread. */
export function listNotifications(db: SqliteDatabase, limit = 200): { items: NotificationView[]; unread: number } {
  const rows = db.prepare(`${SELECT_VIEW} ORDER BY n.at DESC, n.id LIMIT ?`).all(limit) as NotificationRow[];
  return { items: rows.map(toView), unread: unreadCount(db) };
}

/** Marks notifications read: the given ones, or every one of a ticket, or all. */
export function markNotificationsRead(
  db: SqliteDatabase,
  target: { ids?: string[]; ticketId?: string; all?: boolean },
  now: Date,
): void {
  const at = now.toISOString();
  db.transaction(() => {
    if (target.all) db.prepare('UPDATE notifications SET read_at = ? WHERE read_at IS NULL').run(at);
    if (target.ticketId) db.prepare('UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND ticket_id = ?').run(at, target.ticketId);
    const one = db.prepare('UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND id = ?');
    for (const id of target.ids ?? []) one.run(at, id);
  })();
}

/**
 * Returns the notifications not yet shown on the desktop, oldest first, and marks them shown in
 * the same transaction, so that each one is announced at most once even if two syncs race.
 */
export function takeUnannounced(db: SqliteDatabase): NotificationView[] {
  return db.transaction(() => {
    const rows = db.prepare(`${SELECT_VIEW} WHERE n.announced = 0 ORDER BY n.at, n.id`).all() as NotificationRow[];
    db.prepare('UPDATE notifications SET announced = 1 WHERE announced = 0').run();
    return rows.map(toView);
  })();
}
