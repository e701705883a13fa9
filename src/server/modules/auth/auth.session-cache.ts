import type { Actor } from './auth.actor.ts';

interface Entry {
  actor: Actor;
  lastSeenAt: number;
  expiresAt: number;
  cachedAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Resolved sessions kept for a few seconds so an authenticated read costs no database round trip
 * (PGlite runs one statement at a time). Changes made in this process (logout, password change,
 * user/unit/region updates) drop entries at once; a change made by another process sharing the
 * database is seen after at most the TTL (`YINGSHANG_SESSION_CACHE_MS`, 0 disables the cache).
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();

  get(tokenHash: string, now: number, ttlMs: number): Entry | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt >= ttlMs || now < entry.cachedAt) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, entry: Entry): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(tokenHash, entry);
  }

  forgetSession(sessionId: string): void {
    for (const [key, entry] of this.#entries) if (entry.actor.sessionId === sessionId) this.#entries.delete(key);
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.#entries) if (entry.actor.id === userId) this.#entries.delete(key);
  }

  /** After changes that reshape scopes (a region moved, a unit renamed or moved). */
  clear(): void {
    this.#entries.clear();
  }
}

export const sessionCache = new SessionCache();
