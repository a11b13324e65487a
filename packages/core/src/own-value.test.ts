import { describe, expect, it } from 'vitest';
import { ownValue } from './own-value.ts';

describe('ownValue', () => {
  const TABLE: Readonly<Record<string, string>> = { in: 'same prefecture', near: 'neighbours' };

  it('reads the table’s own entries', () => {
    expect(ownValue(TABLE, 'in')).toBe('same prefecture');
    expect(ownValue(TABLE, 'far')).toBeUndefined();
  });

  it('never reads what every object inherits', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(TABLE[key]).toBeDefined(); // what a plain read would take for an entry
      expect(ownValue(TABLE, key)).toBeUndefined();
    }
  });
});
