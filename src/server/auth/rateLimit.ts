// Limits failed sign-in and sign-up attempts per e-mail and per client address. Failures are
// kept in the database, so a restart does not reset the count.
import type { ServerDb } from '../db/connect';

export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_AUTH_LIMIT: RateLimitOptions = { maxFailures: 10, windowMs: 15 * 60_000 };

export class AuthRateLimiter {
  constructor(
    private readonly db: ServerDb,
    private readonly options: RateLimitOptions = DEFAULT_AUTH_LIMIT,
  ) {}

  /** Returns the seconds to wait when any key has reached the limit, or null when none has. */
  async retryAfterSeconds(keys: string[], now = Date.now()): Promise<number | null> {
    const since = now - this.options.windowMs;
    let retryAfter: number | null = null;
    for (const key of keys) {
      const rows = await this.db
        .selectFrom('auth_failures')
        .select('at')
        .where('key', '=', key)
        .where('at', '>', since)
        .orderBy('at', 'asc')
        .execute();
      if (rows.length >= this.options.maxFailures) {
        // The key is free again once enough of its failures have left the window.
        const freeAt = (rows[rows.length - this.options.maxFailures]?.at ?? now) + this.options.windowMs;
        retryAfter = Math.max(retryAfter ?? 0, Math.ceil((freeAt - now) / 1000));
      }
    }
    return retryAfter;
  }

  async recordFailure(keys: string[], now = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('auth_failures').where('at', '<=', now - this.options.windowMs).execute();
      for (const key of keys) await trx.insertInto('auth_failures').values({ key, at: now }).execute();
    });
  }
}
