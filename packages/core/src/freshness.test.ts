import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_AGE_DAYS, isStale, maxAgeDays, staleCutoffs } from './freshness.ts';
import { columnLabel } from './entities/column-labels.ts';

describe('tables read with text from outside', () => {
  it('take a source or a column named like what every object inherits as unknown', () => {
    expect(maxAgeDays('houjin-bangou')).toBe(62);
    for (const text of ['constructor', '__proto__', 'toString']) {
      expect(maxAgeDays(text)).toBe(DEFAULT_MAX_AGE_DAYS);
      expect(columnLabel(text)).toBeUndefined();
    }
    expect(columnLabel('programmeId')?.en).toBeDefined();
  });
});

describe('isStale', () => {
  it.each([
    [{ source: 'houjin-bangou', confirmedAt: '2026-10-15' }, false],
    [{ source: 'houjin-bangou', confirmedAt: '2026-09-01' }, true],
    [{ source: 'researchmap', confirmedAt: '2026-01-01' }, false],
    [{ source: 'researchmap', confirmedAt: '2025-11-01' }, true],
    [{ confirmedAt: '2025-01-01' }, false],
    [{ confirmedAt: '2024-11-01' }, true],
    [{ source: 'ror' }, true],
  ])('%j on 2026-12-05 → %s', (record, stale) => {
    expect(isStale(record, '2026-12-05')).toBe(stale);
  });

  it('gives the same cutoffs the SQL filter uses', () => {
    const cutoffs = staleCutoffs('2026-12-05');
    expect(cutoffs.bySource['houjin-bangou']).toBe('2026-10-04');
    expect(cutoffs.otherwise).toBe('2024-12-05');
  });
});
