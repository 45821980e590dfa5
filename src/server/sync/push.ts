// Push: applies one mutation exactly once. The idempotency record and the mutation's effects are
// written in the same transaction, so a retried push after a lost response returns "duplicate"
// and never applies the action twice.
import type { MutationEnvelope, PushResponse } from '../../shared/wire';
import { parseMutation } from '../../shared/wire';
import { RuleViolation } from '../../shared/ticketRules';
import type { AuthContext } from '../auth/sessions';
import type { ServerDb } from '../db/connect';
import { issuesToDetails } from '../httpErrors';
import { MUTATION_HANDLERS } from '../mutations';

type PushResult = PushResponse['results'][number];

export async function applyMutationEnvelope(db: ServerDb, auth: AuthContext, envelope: MutationEnvelope): Promise<PushResult> {
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
  try {
    return await db.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('mutations').select(['user_id']).where('id', '=', mutation.id).executeTakeFirst();
      if (seen) {
        if (seen.user_id !== auth.user.id) {
          throw new RuleViolation('mutation_id_conflict', 'Identificador de ação já usado por outro usuário.');
        }
        return { id: mutation.id, status: 'duplicate' } as const;
      }
      const handler = MUTATION_HANDLERS[mutation.name] as (trx: unknown, m: typeof mutation, a: AuthContext) => Promise<void>;
      await handler(trx, mutation, auth);
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
