// Names of the IPC channels and events, without their schemas, so that the sandboxed preload
// can check a channel name without bundling zod.

/** Prefix of every IPC channel name; the main process ignores any other channel. */
export const IPC_PREFIX = 'sac:';

export const CHANNELS = [
  'session.get',
  'auth.login',
  'auth.register',
  'auth.logout',
  'organization.select',
  'sync.status',
  'sync.now',
  'network.changed',
  'tickets.list',
  'tickets.get',
  'tickets.create',
  'tickets.reject',
  'tickets.comment',
  'tickets.setStatus',
  'tickets.solve',
  'attachments.stage',
  'attachments.save',
  'checklist.get',
  'checklist.set',
  'checklist.print',
  'checklist.savePdf',
  'unsynced.list',
  'unsynced.retry',
  'unsynced.discard',
  'contacts.list',
  'policy.get',
  'sla.preview',
  'tickets.departments',
  'tickets.print',
  'tickets.savePdf',
  'tickets.exportCsv',
  'attachments.open',
  'attachments.preview',
  'attachments.limits',
  'notifications.list',
  'notifications.markRead',
  'auth.logoutAndErase',
  'localData.summary',
  'localData.integrity',
  'localData.exportBackup',
  'support.exportDiagnostics',
  'update.status',
  'update.check',
  'update.install',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_NAMES = ['sync.status', 'data.changed', 'session.changed', 'notification.open', 'update.status'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
