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
  'contacts.list',
  'policy.get',
  'sla.preview',
  'checklist.overview',
  'checklist.printOverview',
  'checklist.saveOverviewPdf',
  'stages.list',
  'stages.set',
  'policies.list',
  'requests.updateCalendar',
  'requests.platformUpdate',
  'requests.databaseCopy',
  'contacts.openEmail',
  'clipboard.copy',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_NAMES = ['sync.status', 'data.changed', 'session.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
