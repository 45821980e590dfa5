// Every IPC handler, by channel. Each domain keeps its own file; this map fails to compile when
// a channel of the contract has no handler.
import type { Channel } from '../../../shared/ipc';
import { attachmentFileHandlers } from './attachmentFiles';
import { checklistHandlers } from './checklist';
import { checklistOverviewHandlers } from './checklistOverview';
import { desktopHandlers } from './desktop';
import { journeyReferenceHandlers } from './journeyReference';
import { localDataHandlers } from './localData';
import { notificationHandlers } from './notifications';
import { referenceHandlers } from './reference';
import { sessionHandlers } from './session';
import { stageHandlers } from './stages';
import { ticketOutputHandlers } from './ticketOutput';
import { ticketHandlers } from './tickets';
import { unsyncedHandlers } from './unsynced';
import type { HandlerGroup } from './types';
import { updateHandlers } from './updates';

export const HANDLERS: HandlerGroup<Channel> = {
  ...sessionHandlers,
  ...ticketHandlers,
  ...checklistHandlers,
  ...referenceHandlers,
  ...unsyncedHandlers,
  ...ticketOutputHandlers,
  ...attachmentFileHandlers,
  ...notificationHandlers,
  ...localDataHandlers,
  ...updateHandlers,
  ...checklistOverviewHandlers,
  ...stageHandlers,
  ...journeyReferenceHandlers,
  ...desktopHandlers,
};
