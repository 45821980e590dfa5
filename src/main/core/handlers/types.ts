// The shape of an IPC handler: it receives the app core and an input already validated against
// the channel's schema, and returns the channel's output.
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Channel, ChannelOutput, IPC_INPUTS } from '../../../shared/ipc';
import type { AppCore } from '../appCore';

export type HandlerInput<C extends Channel> = z.output<(typeof IPC_INPUTS)[C]>;
export type Handler<C extends Channel> = (core: AppCore, input: HandlerInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type HandlerGroup<K extends Channel> = { [C in K]: Handler<C> };

/** Fails unless the signed-in user is a consultant; the server checks it again. */
export function requireConsultant(core: AppCore): void {
  if (core.requireAccount().user.role !== 'consultor') throw AppError.of('forbidden');
}
