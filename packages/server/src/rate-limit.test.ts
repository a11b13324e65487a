import { describe, expect, it } from 'vitest';
import { createRateLimiter, createSignInBackoff } from './rate-limit.ts';

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

describe('createSignInBackoff (M4)', () => {
  const settings = {
    freeFailures: 2,
    baseDelaySeconds: 1,
    maxDelaySeconds: 4,
    forgetAfterSeconds: 60,
  };

  it('M4: doubles the wait after the free failures, up to the maximum, per key', () => {
    let now = 0;
    const backoff = createSignInBackoff(settings, { now: () => new Date(now) });
    const waits: number[] = [];
    backoff.failed('a');
    backoff.failed('a');
    expect(backoff.check('a').ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      backoff.failed('a');
      const check = backoff.check('a');
      if (check.ok) throw new Error('expected a wait');
      waits.push(check.retryAfterSeconds);
      now += check.retryAfterSeconds * 1000;
    }
    expect(waits).toEqual([1, 2, 4, 4]);
    expect(backoff.check('b').ok).toBe(true);
  });

  it('M4: forgets failures after a quiet while, and at once after a success', () => {
    let now = 0;
    const backoff = createSignInBackoff(settings, { now: () => new Date(now) });
    for (let i = 0; i < 3; i++) backoff.failed('a');
    expect(backoff.check('a').ok).toBe(false);
    now += 61_000;
    backoff.failed('a');
    expect(backoff.check('a').ok).toBe(true);
    backoff.failed('a');
    backoff.failed('a');
    expect(backoff.check('a').ok).toBe(false);
    backoff.succeeded('a');
    expect(backoff.check('a').ok).toBe(true);
  });
});
