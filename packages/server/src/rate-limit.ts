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
