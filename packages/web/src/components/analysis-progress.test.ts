import { describe, expect, it } from 'vitest';
import { runningWarmUp } from './analysis-progress.ts';

describe('the warm-up a waiting page tells of', () => {
  it('is the running one only', () => {
    const warmUp = { total: 12, done: 3, startedAt: '2026-12-05T20:00:00Z', finishedAt: null };
    expect(runningWarmUp({ warmUp, computing: ['roles'] })).toEqual({ total: 12, done: 3 });
    expect(runningWarmUp({ warmUp: { ...warmUp, finishedAt: '2026-12-05T20:05:00Z' } })).toBeNull();
    expect(runningWarmUp({ warmUp: null })).toBeNull();
    expect(runningWarmUp({ type: 'about:blank', status: 404 })).toBeNull();
    expect(runningWarmUp('not json')).toBeNull();
  });
});
