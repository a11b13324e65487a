/**
 * In-memory token buckets (one per key: an IP address or an account). Each bucket holds up to
 * `capacity` tokens and regains `refillPerSecond`; a request takes one or is refused with the
 * seconds to wait. One process only: behind several server processes use a shared limiter.
 */
import type { Clock } from '#core/ports.ts';

export interface BucketSettings {
  capacity: number;
  refillPerSecond: number;
}

export interface RateLimiter {
  /** Takes a token for the key; `retryAfterSeconds` when there is none. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Buckets kept at most; full ones are forgotten first when there are more. */
const MAX_KEYS = 50_000;

export function createRateLimiter(settings: BucketSettings, clock: Clock): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function prune(now: number): void {
    for (const [key, bucket] of buckets) {
      const tokens = bucket.tokens + ((now - bucket.at) / 1000) * settings.refillPerSecond;
      if (tokens >= settings.capacity) buckets.delete(key);
    }
    // Still too many (an attack from many addresses): drop the oldest.
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_KEYS / 2) break;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const now = clock.now().getTime();
      const bucket = buckets.get(key);
      const tokens = bucket
        ? Math.min(
            settings.capacity,
            bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * settings.refillPerSecond,
          )
        : settings.capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        const wait = (1 - tokens) / settings.refillPerSecond;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
      }
      if (!bucket && buckets.size >= MAX_KEYS) prune(now);
      buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    },
  };
}

export interface BackoffSettings {
  /** Wrong passwords allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures are forgotten after this long without one. */
  forgetAfterSeconds: number;
}

/**
 * Sign-in failures per (account, client): after `freeFailures` wrong passwords the pair waits
 * 1, 2, 4 … seconds (up to the maximum) before it may try again. A success clears the pair. Keyed by
 * client as well as account, so a stranger guessing from elsewhere never locks out the owner.
 */
export interface SignInBackoff {
  /** Whether the pair may try now, or how long it must wait. */
  check(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
  failed(key: string): void;
  succeeded(key: string): void;
}

export function createSignInBackoff(settings: BackoffSettings, clock: Clock): SignInBackoff {
  const entries = new Map<
    string,
    { failures: number; lastFailureAt: number; lockedUntil: number }
  >();
  const forgetMs = settings.forgetAfterSeconds * 1000;

  function current(key: string, now: number) {
    const entry = entries.get(key);
    if (entry && now - entry.lastFailureAt > forgetMs && now >= entry.lockedUntil) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function prune(now: number): void {
    for (const [key, entry] of entries)
      if (now - entry.lastFailureAt > forgetMs && now >= entry.lockedUntil) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size <= MAX_KEYS / 2) break;
      entries.delete(key);
    }
  }

  return {
    check(key) {
      const now = clock.now().getTime();
      const entry = current(key, now);
      if (!entry || now >= entry.lockedUntil) return { ok: true };
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)),
      };
    },
    failed(key) {
      const now = clock.now().getTime();
      const entry = current(key, now);
      if (!entry && entries.size >= MAX_KEYS) prune(now);
      const failures = (entry?.failures ?? 0) + 1;
      const beyond = failures - settings.freeFailures;
      const delaySeconds =
        beyond <= 0
          ? 0
          : Math.min(
              settings.maxDelaySeconds,
              settings.baseDelaySeconds * 2 ** Math.min(beyond - 1, 30),
            );
      // Delete first so the map's order stays oldest-first for pruning.
      entries.delete(key);
      entries.set(key, { failures, lastFailureAt: now, lockedUntil: now + delaySeconds * 1000 });
    },
    succeeded(key) {
      entries.delete(key);
    },
  };
}
