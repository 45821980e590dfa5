// The signed-in session of this computer's app: the server, the user and the encrypted token,
// in session.json under the user-data folder. The token never touches disk in plain text.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TokenStorage } from '../../shared/ipc';
import { userSchema, type User } from '../../shared/wire';
import { createLogger, describeError } from './log';
import type { SecretStore } from './platform';

const log = createLogger('session');

const sessionFileSchema = z.object({
  lastServerUrl: z.string().nullable(),
  lastEmail: z.string().nullable(),
  /** The permanent id of each server address signed in to, kept after sign-out. */
  serverIds: z.record(z.string(), z.string()).optional(),
  active: z
    .object({
      serverUrl: z.string(),
      /** The server's permanent id (GET /server-info), which names the user's local folder. */
      serverId: z.string().optional(),
      user: userSchema,
      tokenCipherText: z.string(),
      /** 'plain-text' when the user agreed to keep the token with the OS's unprotected fallback. */
      tokenStorage: z.enum(['protected', 'plain-text']).optional(),
    })
    .nullable(),
});
type SessionFile = z.infer<typeof sessionFileSchema>;

export interface ActiveSession {
  serverUrl: string;
  serverId?: string | undefined;
  user: User;
  token: string;
  tokenStorage?: TokenStorage;
}

export class SessionStore {
  private readonly file: string;

  constructor(
    private readonly userDataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(userDataDir, 'session.json');
  }

  private read(): SessionFile {
    if (!existsSync(this.file)) return { lastServerUrl: null, lastEmail: null, active: null };
    try {
      return sessionFileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      log.warn('session file unreadable; starting signed out', describeError(error));
      return { lastServerUrl: null, lastEmail: null, active: null };
    }
  }

  private write(data: SessionFile): void {
    mkdirSync(this.userDataDir, { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  lastUsed(): { serverUrl: string | null; email: string | null } {
    const data = this.read();
    return { serverUrl: data.lastServerUrl, email: data.lastEmail };
  }

  /** Returns the saved session, or null when there is none or its token cannot be decrypted. */
  load(): ActiveSession | null {
    const { active } = this.read();
    if (!active) return null;
    try {
      const token = this.secrets.decrypt(Buffer.from(active.tokenCipherText, 'base64'));
      return {
        serverUrl: active.serverUrl,
        ...(active.serverId ? { serverId: active.serverId } : {}),
        user: active.user,
        token,
        tokenStorage: active.tokenStorage ?? 'protected',
      };
    } catch (error) {
      log.warn('saved token could not be decrypted; the user must sign in again', describeError(error));
      return null;
    }
  }

  /**
   * Saves the session and returns where its token ended up. The token is written only when the
   * secret store protects it with an OS key, or when the caller passes 'plain-text' (the user
   * agreed to the unprotected fallback); with 'memory', or when even the fallback fails, only
   * the server and e-mail are saved and the user signs in again at the next start.
   */
  save(session: ActiveSession, storage: TokenStorage = 'protected'): TokenStorage {
    const { serverIds } = this.read();
    const base = {
      lastServerUrl: session.serverUrl,
      lastEmail: session.user.email,
      serverIds: session.serverId ? { ...serverIds, [session.serverUrl]: session.serverId } : (serverIds ?? {}),
    };
    if (storage === 'memory') {
      this.write({ ...base, active: null });
      return 'memory';
    }
    let cipherText: Buffer;
    try {
      cipherText = this.secrets.encrypt(session.token);
    } catch (error) {
      log.warn('token could not be encrypted; it stays in memory only', describeError(error));
      this.write({ ...base, active: null });
      return 'memory';
    }
    this.write({
      ...base,
      active: {
        serverUrl: session.serverUrl,
        ...(session.serverId ? { serverId: session.serverId } : {}),
        user: session.user,
        tokenCipherText: cipherText.toString('base64'),
        tokenStorage: storage,
      },
    });
    return storage;
  }

  /**
   * Forgets the token. The last server and e-mail stay to prefill the sign-in form unless
   * `forgetEmail` is set, as it is when the user erases their data from this computer.
   */
  clear(options: { forgetEmail?: boolean } = {}): void {
    const data = this.read();
    this.write({ ...data, ...(options.forgetEmail ? { lastEmail: null } : {}), active: null });
  }

  /** Returns the permanent id last seen for a server address, or undefined. */
  knownServerId(serverUrl: string): string | undefined {
    return this.read().serverIds?.[serverUrl];
  }

  /**
   * Moves a user's folder named after the server's address to the name of the server's id,
   * when the server had no id (or did not give it) when the folder was made. A folder already
   * under the id is left alone, and so is the old one, so nothing is overwritten.
   */
  adoptAddressFolder(server: { serverId: string; serverUrl: string }, userId: string): void {
    const byAddress = this.accountDir({ serverUrl: server.serverUrl }, userId);
    const byId = this.accountDir(server, userId);
    if (!existsSync(byAddress)) return;
    if (existsSync(byId)) {
      log.warn('a folder named after the server address is left beside the one named after its id', { userId });
      return;
    }
    renameSync(byAddress, byId);
    log.info('local folder renamed after the server id', { userId });
  }

  /**
   * Returns the folder of one user's local data: database and attachments. It is named after the
   * server's permanent id when known, so the same server reached at a new address keeps the
   * user's pending actions; after its address otherwise.
   */
  accountDir(server: { serverId?: string | undefined; serverUrl: string }, userId: string): string {
    const key = createHash('sha256')
      .update(`${server.serverId ? `id:${server.serverId}` : server.serverUrl}\n${userId}`)
      .digest('hex')
      .slice(0, 24);
    return join(this.userDataDir, 'accounts', key);
  }
}
