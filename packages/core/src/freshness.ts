/**
 * Freshness of records: a record is stale when it was last confirmed longer ago than its source is
 * refreshed. Sources publish at their own pace (法人番号 daily/monthly, gBizINFO weekly, researchmap
 * whenever a researcher edits); a record a person entered is due for a check after two years.
 */
import { ownValue } from './own-value.ts';
export const SOURCE_MAX_AGE_DAYS: Readonly<Record<string, number>> = {
  'houjin-bangou': 62,
  gbizinfo: 92,
  jgrants: 31,
  researchmap: 365,
  kaken: 365,
  openalex: 183,
  ror: 183,
  estat: 1826,
};

/** For records of other sources and those people entered. */
export const DEFAULT_MAX_AGE_DAYS = 730;

export function maxAgeDays(source: string | undefined): number {
  return (
    (source !== undefined ? ownValue(SOURCE_MAX_AGE_DAYS, source) : undefined) ??
    DEFAULT_MAX_AGE_DAYS
  );
}

function daysBefore(today: string, days: number): string {
  const time = Date.parse(`${today}T00:00:00Z`) - days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Confirmation dates before which a record is stale: per source, and for every other record. */
export interface StaleCutoffs {
  bySource: Record<string, string>;
  otherwise: string;
}

export function staleCutoffs(today: string): StaleCutoffs {
  return {
    bySource: Object.fromEntries(
      Object.entries(SOURCE_MAX_AGE_DAYS).map(([source, days]) => [
        source,
        daysBefore(today, days),
      ]),
    ),
    otherwise: daysBefore(today, DEFAULT_MAX_AGE_DAYS),
  };
}

/** Stale when never confirmed, or confirmed before its source's cutoff. */
export function isStale(
  record: { source?: string | undefined; confirmedAt?: string | undefined },
  today: string,
): boolean {
  if (record.confirmedAt === undefined) return true;
  return record.confirmedAt < daysBefore(today, maxAgeDays(record.source));
}
