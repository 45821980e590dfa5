// The real SAC server, started in-process on 127.0.0.1 with demo data, for sync tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSacServer } from '../../../server/app';
import type { AuthResponse } from '../../../shared/wire';
import { SacApi } from '../sync/sacApi';

export interface RunningSacServer {
  url: string;
  port: number;
  /** Registers a new user with an invite code of the demo data. */
  register(inviteCode: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR' | 'DEMO-OUTRA', name?: string): Promise<AuthResponse>;
  /** Stops listening and deletes the data folder. */
  close(): Promise<void>;
}

/** Starts the server on `port` (0 picks a free one) over `dataDir` (a new temp folder by default). */
export async function startSacServer(options: { port?: number; dataDir?: string } = {}): Promise<RunningSacServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sac-server-'));
  const { app } = await createSacServer({ dataDir, demo: true, logger: false });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server address unavailable after listen');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    port: address.port,
    register: (inviteCode, name = 'Usuário de Teste') =>
      new SacApi({ serverUrl: url }).register({
        name,
        email: `teste-${randomUUID()}@exemplo.com.br`,
        password: 'senha-de-teste-1',
        inviteCode,
      }),
    async close() {
      // After an attachment download through axios, app.close() waited about 5 s (Node's
      // keepAliveTimeout) for that socket. Tests close with no request in flight, so cut them all.
      app.server.closeAllConnections();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
