import { PREFECTURES } from '#core/geo.ts';
import { isPrefectureCode } from '#core/identifiers.ts';

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\u00a0/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Sources write one child as an object and many as an array (e-Stat, XML): always an array. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A whole number from a number or a digit string (commas allowed), else undefined. */
export function integer(value: unknown): number | undefined {
  const raw = typeof value === 'number' ? String(value) : text(value)?.replace(/,/g, '');
  if (raw === undefined || !/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** YYYY-MM-DD from an ISO date or date-time, else undefined. */
export function isoDate(value: unknown): string | undefined {
  const raw = text(value);
  const match = raw ? /^(\d{4}-\d{2}-\d{2})/.exec(raw) : null;
  return match?.[1];
}

/** Japanese fiscal year (April–March) of a date. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

const prefectureByName = new Map(PREFECTURES.map((p) => [p.name, p.code]));
const prefectureByEnglish = new Map(PREFECTURES.map((p) => [p.nameEn.toLowerCase(), p.code]));

/** Code of a prefecture named exactly (東京都, 北海道) or in English (Tokyo). */
export function prefectureCodeOfName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.normalize('NFKC').trim();
  return prefectureByName.get(trimmed) ?? prefectureByEnglish.get(trimmed.toLowerCase());
}

/** Code of the prefecture a Japanese name or address starts with (石川県工業試験場 → 17), if any. */
export function prefectureCodeAtStart(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const normalized = value.normalize('NFKC').trim();
  for (const prefecture of PREFECTURES) {
    if (normalized.startsWith(prefecture.name)) return prefecture.code;
  }
  return undefined;
}

export function prefectureCodeOrUndefined(value: unknown): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const padded = raw.padStart(2, '0');
  return isPrefectureCode(padded) ? padded : undefined;
}

/** The id at the end of an OpenAlex, ROR or ORCID URL. */
export function lastPathPart(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const parts = raw.split('/');
  return text(parts[parts.length - 1]);
}
