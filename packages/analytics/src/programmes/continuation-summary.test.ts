import { describe, expect, it } from 'vitest';
import { formatP } from './continuation-summary.ts';

// summarise() is exercised end to end in analyse-continuation.test.ts
describe('formatP', () => {
  it('formats p-values for plain-language summaries', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.0036)).toBe('= 0.004');
    expect(formatP(0.0505)).toBe('= 0.05');
    expect(formatP(0.5)).toBe('= 0.50');
  });
});
