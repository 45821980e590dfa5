// Handlers of application updates; the state machine in ../updates decides what each does.
import type { HandlerGroup } from './types';

type UpdateChannel = 'update.status' | 'update.check' | 'update.install';

export const updateHandlers: HandlerGroup<UpdateChannel> = {
  'update.status': (core) => core.updates.status(),

  'update.check': (core) => core.updates.check('manual'),

  'update.install': (core) => core.updates.install(),
};
