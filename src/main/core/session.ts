// The signed-in session of this computer's app: the server, the user and the encrypted token,
// in session.json under the user-data folder. The token never touches disk in plain text.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { userSchema, type User } from '../../shared/wire';
import { createLogger, describeError } from './log';
import type { SecretStore } from './platform';

const log = createLogger('session');

const sessionFileSchema = z.object({
  lastServerUrl: z.string().nullable(),
  lastEmail: z.string().nullable(),
  active: z
    .object({
      serverUrl: z.string(),
      user: userSchema,
      tokenCipherText: z.string(),
    })
    .nullable(),
});
type SessionFile = z.infer<typeof sessionFileSchema>;

export interface ActiveSession {
  serverUrl: string;
  user: User;
  token: string;
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
      return { serverUrl: active.serverUrl, user: active.user, token };
    } catch (error) {
      log.warn('saved token could not be decrypted; the user must sign in again', describeError(error));
      return null;
    }
  }

  save(session: ActiveSession): void {
    this.write({
      lastServerUrl: session.serverUrl,
      lastEmail: session.user.email,
      active: {
        serverUrl: session.serverUrl,
        user: session.user,
        tokenCipherText: this.secrets.encrypt(session.token).toString('base64'),
      },
    });
  }

  /** Forgets the token; the last server and e-mail stay to prefill the sign-in form. */
  clear(): void {
    const data = this.read();
    this.write({ ...data, active: null });
  }

  /** Returns the folder of one user's local data: database and attachments. */
  accountDir(serverUrl: string, userId: string): string {
    const key = createHash('sha256').update(`${serverUrl}\n${userId}`).digest('hex').slice(0, 24);
    return join(this.userDataDir, 'accounts', key);
  }
}
