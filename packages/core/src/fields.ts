import { z } from 'zod';
import {
  isPrefectureCode,
  isValidCorporateNumber,
  isValidLocalGovernmentCode,
  isValidOrcid,
  isValidRorId,
  normalizeOrcid,
  normalizeRorId,
} from './identifiers.ts';

/** The external identifier a record is known by in its source; imports upsert on it. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
export const EXTERNAL_ID_PATTERN = /^[^\s,;\x00-\x1f]+$/u;
export const EXTERNAL_ID_MAX_LENGTH = 200;

export const ZExternalId = z
  .string()
  .min(1, 'must not be empty')
  .max(EXTERNAL_ID_MAX_LENGTH, 'at most 200 characters')
  .regex(EXTERNAL_ID_PATTERN, 'no spaces, commas, semicolons or control characters');

export const ZPrefectureCode = z
  .string()
  .refine(isPrefectureCode, { message: 'not a prefecture code 01..47' });

export const ZLocalGovernmentCode = z.string().refine(isValidLocalGovernmentCode, {
  message: 'not a 6-digit local government code with a valid check digit',
});

export const ZCorporateNumber = z.string().refine(isValidCorporateNumber, {
  message: 'not a 13-digit corporate number with a valid check digit',
});

/** ORCID iD; the https://orcid.org/ form is accepted and stored bare. */
export const ZOrcid = z
  .string()
  .overwrite(normalizeOrcid)
  .refine(isValidOrcid, { message: 'not an ORCID iD with a valid check character' });

/** ROR id; the https://ror.org/ form is accepted and stored bare. */
export const ZRorId = z
  .string()
  .overwrite(normalizeRorId)
  .refine(isValidRorId, { message: 'not a ROR id with a valid checksum' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD naming a day of the Gregorian calendar. Arithmetic, not Date: it runs on every row read. */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= last;
}

/** A calendar date, YYYY-MM-DD. */
export const ZIsoDate = z.string().refine(isRealIsoDate, { message: 'not a date YYYY-MM-DD' });

/** Japanese fiscal year (April–March), named by its starting calendar year. */
export const ZFiscalYear = z.number().int('must be a whole year').min(1950).max(2100);

export const ZYear = z.number().int('must be a whole year').min(1600).max(2100);

export const ZCount = z.number().int('must be a whole number').min(0, 'must not be negative');

export const ZAmount = z.number().min(0, 'must not be negative').finite();

/** A share between 0 and 1. */
export const ZShare = z
  .number()
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

export const ZSdgs = z
  .array(z.number().int().min(1, 'SDGs are numbered 1..17').max(17, 'SDGs are numbered 1..17'))
  .refine((list) => new Set(list).size === list.length, { message: 'SDGs repeated' });

export const ZTextList = z.array(z.string().min(1).max(500));

export const ZTrl = z.number().int().min(1, 'TRL is 1..9').max(9, 'TRL is 1..9');

/** Common bookkeeping on every record: when a person last confirmed it, and where it came from. */
export const ZProvenance = z.object({
  /** Date the record was last confirmed true; stale profiles are flagged from it. */
  confirmedAt: ZIsoDate.optional(),
  source: z.string().max(500).optional(),
});

/**
 * Options for cross-field rules: run them even when a single field already failed, so an import
 * report names every problem of a row at once. The rule must tolerate wrongly typed fields.
 */
export const EVEN_WITH_FIELD_ERRORS = {
  // Not on a value that is no object at all (a null entry of a list): there are no fields to read.
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null,
};

/** True when both are well-formed dates and the end precedes the start. */
export function endsBeforeStart(start: unknown, end: unknown): boolean {
  return (
    typeof start === 'string' &&
    typeof end === 'string' &&
    isRealIsoDate(start) &&
    isRealIsoDate(end) &&
    end < start
  );
}
