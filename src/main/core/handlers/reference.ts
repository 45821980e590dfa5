// Handlers of reference data from the server: contacts and the service-level policy.
import { computeDueAt, isOutsideBusinessHours } from '../../../shared/sla';
import { listContacts, readPolicy } from '../queries';
import type { HandlerGroup } from './types';

type ReferenceChannel =
  | 'contacts.list'
  | 'policy.get'
  | 'sla.preview';

export const referenceHandlers: HandlerGroup<ReferenceChannel> = {
  'contacts.list': (core) => listContacts(core.requireAccount().db),

  'policy.get': (core) => readPolicy(core.requireAccount().db),

  'sla.preview': (core, input) => {
    const policy = readPolicy(core.requireAccount().db);
    const now = core.serverNow();
    return {
      dueAt: computeDueAt(policy, input.severity, now).toISOString(),
      outsideBusinessHours: isOutsideBusinessHours(policy, now),
      onCallPhone: policy.onCallPhone,
    };
  },
};
