// Handlers of Notificações: the list with its unread count, and marking entries read.
import { listNotifications, markNotificationsRead, unreadCount } from '../notifications';
import type { HandlerGroup } from './types';

type NotificationChannel = 'notifications.list' | 'notifications.markRead';

export const notificationHandlers: HandlerGroup<NotificationChannel> = {
  'notifications.list': (core) => listNotifications(core.requireAccount().db),

  'notifications.markRead': (core, input) => {
    const { db } = core.requireAccount();
    const before = unreadCount(db);
    markNotificationsRead(db, input, core.now());
    const unread = unreadCount(db);
    if (unread !== before) core.emit('data.changed', { entities: ['notification'] });
    return { unread };
  },
};
