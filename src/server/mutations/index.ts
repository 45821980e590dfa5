// Mutation handlers by name. Each runs inside the push transaction and throws RuleViolation to
// reject the action; the server's clock is the time of record for everything it writes.
import type { MutationArgs, MutationName } from '../../shared/wire';
import type { AuthContext } from '../auth/sessions';
import type { Trx } from '../sync/documents';
import { setChecklistItem } from './checklist';
import { setStage } from './stages';
import { commentTicket, createTicketMutation, rejectTicketMutation, setTicketStatusMutation, solveTicketMutation } from './tickets';

/** Facts about a pushed mutation that the server works out when it receives it. */
export interface MutationContext {
  /** When the user acted, on the server's clock: createdAt moved by the client's clock offset, never later than now. */
  editedAt: string;
}

export type MutationHandler<N extends MutationName> = (
  trx: Trx,
  mutation: { id: string; name: N; args: MutationArgs<N>; createdAt: string },
  auth: AuthContext,
  context: MutationContext,
) => Promise<void>;

export const MUTATION_HANDLERS: { [N in MutationName]: MutationHandler<N> } = {
  'ticket.create': createTicketMutation,
  'ticket.reject': rejectTicketMutation,
  'ticket.comment': commentTicket,
  'ticket.setStatus': setTicketStatusMutation,
  'ticket.solve': solveTicketMutation,
  'checklist.set': setChecklistItem,
  'stage.set': setStage,
};
