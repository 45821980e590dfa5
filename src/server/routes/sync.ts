// GET /sync/pull and POST /sync/push.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT, pushRequestSchema, type PushResponse } from '../../shared/wire';
import type { ServerDb } from '../db/connect';
import { parseOr400 } from '../httpErrors';
import { pullPageJson } from '../sync/pull';
import { applyMutationEnvelope, clockOffsetOf } from '../sync/push';

const pullQuerySchema = z.object({
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  count: z.enum(['true', 'false']).optional(),
});

export function registerSyncRoutes(api: FastifyInstance, { db, epoch }: { db: ServerDb; epoch: string }): void {
  api.get('/sync/pull', async (request, reply) => {
    const query = parseOr400(pullQuerySchema, request.query, 'Parâmetro de sincronização');
    const body = await pullPageJson(db, request.auth!, query.cursor, query.limit, { count: query.count === 'true', epoch });
    return reply.type('application/json; charset=utf-8').send(body);
  });

  api.post('/sync/push', async (request): Promise<PushResponse> => {
    const body = parseOr400(pushRequestSchema, request.body, 'Lote de ações');
    const receivedAt = new Date();
    const timing = { receivedAt, clockOffsetMs: clockOffsetOf(body.clientTime, receivedAt) };
    const results: PushResponse['results'] = [];
    // In order, each mutation in its own transaction: a rejected one does not stop the batch.
    for (const envelope of body.mutations) {
      const result = await applyMutationEnvelope(db, request.auth!, envelope, timing);
      if (result.status === 'rejected') {
        request.log.info({ mutationId: result.id, code: result.error?.code }, 'mutation rejected');
      }
      results.push(result);
    }
    return { results };
  });
}
