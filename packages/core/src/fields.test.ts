import { describe, expect, it } from 'vitest';
import { isRealIsoDate, ZIsoDate } from './fields.ts';

describe('calendar dates', () => {
  it('accepts real days, leap days of leap years included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '2026-04-30'])
      expect(isRealIsoDate(day), day).toBe(true);
  });
  it('refuses days that do not exist and other shapes', () => {
    for (const day of [
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '２０２６-01-01',
      '',
    ])
      expect(isRealIsoDate(day), day).toBe(false);
  });
  it('agrees with the calendar of Date on every day of four years', () => {
    const start = Date.UTC(1999, 0, 1);
    for (let d = 0; d < 4 * 366; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      expect(isRealIsoDate(day)).toBe(true);
    }
  });
  it('names the problem in the schema', () => {
    expect(ZIsoDate.safeParse('2025-02-29').error?.issues[0]?.message).toBe(
      'not a date YYYY-MM-DD',
    );
  });
});
