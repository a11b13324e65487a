import { describe, expect, it } from 'vitest';
import { lqClassOf } from './lq-scale.ts';

describe('lqClassOf', () => {
  it.each([
    [null, 'none'],
    [0, 'veryLow'],
    [0.49, 'veryLow'],
    [0.5, 'low'],
    [1, 'even'],
    [1.25, 'high'],
    [4.46, 'veryHigh'],
  ] as const)('LQ %s → %s', (lq, key) => {
    expect(lqClassOf(lq).key).toBe(key);
  });
});
