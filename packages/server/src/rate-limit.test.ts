import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows a burst, refuses with the wait, and refills over time per key', () => {
    let now = 0;
    const limiter = createRateLimiter(
      { capacity: 2, refillPerSecond: 0.5 },
      { now: () => new Date(now) },
    );
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.take('b').ok).toBe(true);
    now += 2000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    now += 60_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });
});
