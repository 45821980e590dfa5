// GET /server-info: the protocol version, the server's clock and the limits a client must respect.
import type { FastifyInstance } from 'fastify';
import { BLOCKED_ATTACHMENT_EXTENSIONS, PULL_MAX_LIMIT, PUSH_MAX_BATCH, type ServerInfo } from '../../shared/wire';

export function registerInfoRoutes(api: FastifyInstance, deps: { attachmentMaxBytes: number; serverId: string }): void {
  api.get('/server-info', async (): Promise<ServerInfo> => ({
    protocolVersion: 1,
    serverId: deps.serverId,
    serverTime: new Date().toISOString(),
    limits: {
      pushMaxBatch: PUSH_MAX_BATCH,
      pullMaxLimit: PULL_MAX_LIMIT,
      attachmentMaxBytes: deps.attachmentMaxBytes,
      blockedExtensions: [...BLOCKED_ATTACHMENT_EXTENSIONS],
    },
  }));
}
