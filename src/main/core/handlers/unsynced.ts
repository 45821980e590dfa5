// Handlers of the "Não sincronizado" list.
import { discardUnsynced, listUnsyncedActions, retryUnsynced } from '../unsynced';
import type { HandlerGroup } from './types';

type UnsyncedChannel = 'unsynced.list' | 'unsynced.retry' | 'unsynced.discard';

export const unsyncedHandlers: HandlerGroup<UnsyncedChannel> = {
  'unsynced.list': (core) => listUnsyncedActions(core.requireAccount().db),

  'unsynced.retry': (core, input) => {
    const account = core.requireAccount();
    retryUnsynced(account.db, input.id, account.context(), core.now());
    core.actionDone(['unsynced', 'ticket', 'checklistItem', 'stage']);
    return { retried: true };
  },

  'unsynced.discard': (core, input) => {
    discardUnsynced(core.requireAccount().db, input.id);
    core.actionDone(['unsynced']);
    return { discarded: true };
  },
};
