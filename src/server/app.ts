// Builds the reference SAC server: a Fastify app that implements wire protocol v1 over a SQLite
// database (through Kysely) and a folder of attachment blobs.
import { mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { useBrazilianValidationMessages } from '../shared/zodMessages';
import { API_BASE_PATH } from '../shared/wire';
import { AuthRateLimiter, DEFAULT_AUTH_LIMIT, type RateLimitOptions } from './auth/rateLimit';
import { resolveSession, type AuthContext } from './auth/sessions';
import { openServerDatabase, serverIdentity, type ServerDb } from './db/connect';
import { seedBaseData, seedDemoData } from './demo';
import { clientErrorResponse, HttpError, toErrorEnvelope, unauthorized } from './httpErrors';
import { registerAttachmentRoutes } from './routes/attachments';
import { registerAuthRoutes } from './routes/auth';
import { registerInfoRoutes } from './routes/info';
import { registerSyncRoutes } from './routes/sync';
import { registerUpdateRoutes } from './routes/updates';

// Validation messages of the shared schemas in Brazilian Portuguese.
useBrazilianValidationMessages();

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface ServerOptions {
  dataDir: string;
  demo?: boolean;
  /** Fastify's logger setting; tests pass false, the command line a pino configuration. */
  logger?: FastifyServerOptions['logger'];
  authRateLimit?: RateLimitOptions;
  attachmentMaxBytes?: number;
  /** Folder of the application-update feed served under /updates; none when absent. */
  updatesDir?: string;
  /** Starts a new epoch, as after restoring the data from a backup (see ServerIdentityTable). */
  newEpoch?: boolean;
}

export interface SacServer {
  app: FastifyInstance;
  db: ServerDb;
  blobDir: string;
}

/** Routes that work without a session; every other route needs a valid bearer token. */
const PUBLIC_ROUTES = new Set([
  `POST ${API_BASE_PATH}/auth/register`,
  `POST ${API_BASE_PATH}/auth/login`,
  `GET ${API_BASE_PATH}/server-info`,
]);

export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export async function createSacServer(options: ServerOptions): Promise<SacServer> {
  const db = await openServerDatabase(options.dataDir);
  const identity = await serverIdentity(db, { newEpoch: options.newEpoch ?? false });
  await seedBaseData(db);
  if (options.demo) await seedDemoData(db);
  const blobDir = join(options.dataDir, 'blobs');
  mkdirSync(blobDir, { recursive: true });

  const sendErrorEnvelope = (error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) => {
    const envelope = toErrorEnvelope(error);
    if (envelope.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: envelope.body.error.code }, 'request rejected');
    void reply.status(envelope.status).headers(envelope.headers).send(envelope.body);
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // Errors that the router raises before any route runs (bad percent-encoding, say).
    frameworkErrors: sendErrorEnvelope,
    // Fastify binds `this` to the instance, but its typings leave that out.
    clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
      const response = clientErrorResponse(error);
      if (!response || socket.destroyed) return;
      this.log.info({ code: error.code }, 'malformed request rejected');
      if (socket.writable) socket.write(response);
      socket.destroy(error);
    },
  });
  app.decorateRequest('auth', null);
  // The server's clock to the millisecond (the Date header has whole seconds): clients measure
  // their clock's offset from it to put the user's actions in the right order.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-server-time', String(Date.now()));
  });
  // The JSON routes accept JSON only, so a text/plain body gets 415 instead of a schema error.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler(sendErrorEnvelope);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: { code: 'not_found', message: `Rota não encontrada: ${request.method} ${request.url.split('?')[0]}.` },
    });
  });

  app.addHook('onRequest', async (request) => {
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!request.routeOptions.url?.startsWith(API_BASE_PATH) || PUBLIC_ROUTES.has(route)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized();
    const auth = await resolveSession(db, match[1]);
    if (!auth) throw unauthorized();
    request.auth = auth;
  });

  const limiter = new AuthRateLimiter(db, options.authRateLimit ?? DEFAULT_AUTH_LIMIT);
  const attachmentMaxBytes = options.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  await app.register(
    async (api) => {
      registerInfoRoutes(api, { attachmentMaxBytes, serverId: identity.serverId });
      registerAuthRoutes(api, { db, limiter });
      registerSyncRoutes(api, { db, epoch: identity.epoch });
      registerAttachmentRoutes(api, { db, blobDir, attachmentMaxBytes });
    },
    { prefix: API_BASE_PATH },
  );
  if (options.updatesDir) registerUpdateRoutes(app, { dir: options.updatesDir });
  app.addHook('onClose', async () => {
    await db.destroy();
  });
  return { app, db, blobDir };
}
