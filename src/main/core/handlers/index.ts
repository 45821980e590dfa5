// Every IPC handler, by channel. Each domain keeps its own file; this map fails to compile when
// a channel of the contract has no handler.
import type { Channel } from '../../../shared/ipc';
import { checklistHandlers } from './checklist';
import { checklistOverviewHandlers } from './checklistOverview';
import { desktopHandlers } from './desktop';
import { journeyReferenceHandlers } from './journeyReference';
import { referenceHandlers } from './reference';
import { sessionHandlers } from './session';
import { stageHandlers } from './stages';
import { ticketHandlers } from './tickets';
import type { HandlerGroup } from './types';

export const HANDLERS: HandlerGroup<Channel> = {
  ...sessionHandlers,
  ...ticketHandlers,
  ...checklistHandlers,
  ...referenceHandlers,
  ...checklistOverviewHandlers,
  ...stageHandlers,
  ...journeyReferenceHandlers,
  ...desktopHandlers,
};
