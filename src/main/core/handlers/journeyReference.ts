// Handlers of the procedure's texts and of the guided requests they offer: a platform update on
// a Monday to Wednesday at least a week ahead, and a copy of the database. A guided request is
// an ordinary ticket.create, so it waits in the outbox like any ticket made offline.
import { AppError } from '../../../shared/errors';
import { todayInSaoPaulo } from '../../../shared/format';
import { newId } from '../../../shared/ids';
import {
  checkUpdateDate,
  databaseCopyTicket,
  earliestUpdateDate,
  GUIDED_TICKET_SEVERITY,
  GUIDED_TICKET_TYPE,
  platformUpdateTicket,
} from '../../../shared/guidedRequests';
import { performAction } from '../actions';
import type { AppCore } from '../appCore';
import { holidayLookup, holidaysAhead } from '../holidays';
import { listPolicies, readPolicy } from '../queries';
import type { HandlerGroup } from './types';

/** Days of holidays sent to the UI: enough for any date a user books an update for. */
const CALENDAR_DAYS = 400;

function createGuidedTicket(core: AppCore, ticket: { subject: string; description: string }) {
  const account = core.requireAccount();
  const ticketId = newId();
  performAction(
    account.db,
    account.context(),
    'ticket.create',
    {
      ticketId,
      organizationId: account.activeOrganizationId,
      type: GUIDED_TICKET_TYPE,
      severity: GUIDED_TICKET_SEVERITY,
      subject: ticket.subject,
      description: ticket.description,
      department: null,
      attachments: [],
    },
    core.now(),
  );
  core.actionDone(['ticket']);
  return { ticketId, subject: ticket.subject };
}

type JourneyReferenceChannel =
  | 'policies.list'
  | 'requests.updateCalendar'
  | 'requests.platformUpdate'
  | 'requests.databaseCopy';

export const journeyReferenceHandlers: HandlerGroup<JourneyReferenceChannel> = {
  'policies.list': (core) => listPolicies(core.requireAccount().db),

  'requests.updateCalendar': (core) => {
    const policy = readPolicy(core.requireAccount().db);
    const today = todayInSaoPaulo(core.serverNow());
    return { today, earliest: earliestUpdateDate(today, holidayLookup(policy)), holidays: holidaysAhead(policy, today, CALENDAR_DAYS) };
  },

  'requests.platformUpdate': (core, input) => {
    const policy = readPolicy(core.requireAccount().db);
    const check = checkUpdateDate(input.date, todayInSaoPaulo(core.serverNow()), holidayLookup(policy));
    if (!check.ok) throw new AppError('invalid_update_date', check.message, [{ path: 'date', message: check.message }]);
    return createGuidedTicket(core, platformUpdateTicket(input.date, input.note));
  },

  'requests.databaseCopy': (core, input) => createGuidedTicket(core, databaseCopyTicket(input.note)),
};
