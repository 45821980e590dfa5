// Push: applies one mutation exactly once. The idempotency record and the mutation's effects are
// written in the same transaction, so a retried push after a lost response returns "duplicate"
// and never applies the action twice.
import { mutationEnvelopeSchema, parseMutation, type PushResponse } from '../../shared/wire';
import { RuleViolation } from '../../shared/ticketRules';
import type { AuthContext } from '../auth/sessions';
import type { ServerDb } from '../db/connect';
import { issuesToDetails } from '../httpErrors';
import { MUTATION_HANDLERS, type MutationContext } from '../mutations';

type PushResult = PushResponse['results'][number];

/** How far the client's clock runs behind the server's (positive) or ahead (negative), in milliseconds. */
export function clockOffsetOf(clientTime: string | undefined, receivedAt: Date): number {
  if (!clientTime) return 0;
  const client = Date.parse(clientTime);
  return Number.isNaN(client) ? 0 : receivedAt.getTime() - client;
}

/**
 * Validates and applies one element of a push. An element that is not a mutation envelope is
 * rejected on its own; its id is echoed back when it has one, so the client can match it.
 */
export async function applyMutationEnvelope(
  db: ServerDb,
  auth: AuthContext,
  raw: unknown,
  timing: { receivedAt: Date; clockOffsetMs: number } = { receivedAt: new Date(), clockOffsetMs: 0 },
): Promise<PushResult> {
  const shape = mutationEnvelopeSchema.safeParse(raw);
  if (!shape.success) {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const fields = issuesToDetails(shape.error.issues)
      .map((detail) => `${detail.path || 'ação'}: ${detail.message}`)
      .join('; ');
    return rejected(typeof rawId === 'string' ? rawId : '', 'invalid_mutation', `Ação mal formada (${fields}).`);
  }
  const envelope = shape.data;
  const parsed = parseMutation(envelope);
  if (!parsed.ok) {
    if (!parsed.issues) {
      return rejected(envelope.id, 'unknown_mutation', `Ação desconhecida: "${envelope.name}". Atualize o SAC Desktop.`);
    }
    const fields = issuesToDetails(parsed.issues)
      .map((detail) => `${detail.path || 'dados'}: ${detail.message}`)
      .join('; ');
    return rejected(envelope.id, 'invalid_args', `Dados inválidos na ação ${envelope.name} (${fields}).`);
  }
  const mutation = parsed.mutation;
  // The offset known when the user acted wins over the one measured now: the client's clock may
  // have been corrected in between.
  const offset = envelope.clockOffsetMs ?? timing.clockOffsetMs;
  const editedAt = Math.min(Date.parse(mutation.createdAt) + offset, timing.receivedAt.getTime());
  const context: MutationContext = { editedAt: new Date(editedAt).toISOString() };
  try {
    return await db.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('mutations').select(['user_id']).where('id', '=', mutation.id).executeTakeFirst();
      if (seen) {
        if (seen.user_id !== auth.user.id) {
          throw new RuleViolation('mutation_id_conflict', 'Identificador de ação já usado por outro usuário.');
        }
        return { id: mutation.id, status: 'duplicate' } as const;
      }
      const handler = MUTATION_HANDLERS[mutation.name] as (
        trx: unknown,
        m: typeof mutation,
        a: AuthContext,
        c: MutationContext,
      ) => Promise<void>;
      await handler(trx, mutation, auth, context);
      await trx
        .insertInto('mutations')
        .values({ id: mutation.id, user_id: auth.user.id, name: mutation.name, applied_at: new Date().toISOString() })
        .execute();
      return { id: mutation.id, status: 'applied' } as const;
    });
  } catch (error) {
    if (error instanceof RuleViolation) return rejected(mutation.id, error.code, error.message);
    throw error;
  }
}

function rejected(id: string, code: string, message: string): PushResult {
  return { id, status: 'rejected', error: { code, message } };
}
