/**
 * Check-digit rules of the identifiers Japanese ecosystem data carries.
 * Each returns true only for a well-formed identifier whose check digit is right.
 */

/** 法人番号 (corporate number): 13 digits, the first is the check digit over the other 12. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const base = value.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9) === Number(value[0]);
}

/** 全国地方公共団体コード: 5 digits + check digit, weights 6..2, modulus 11 (ones digit of 11 - remainder). */
export function localGovernmentCheckDigit(fiveDigits: string): number {
  if (!/^\d{5}$/.test(fiveDigits)) throw new RangeError(`not five digits: ${fiveDigits}`);
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(fiveDigits[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidLocalGovernmentCode(value: string): boolean {
  if (!/^\d{6}$/.test(value)) return false;
  if (!isPrefectureCode(value.slice(0, 2))) return false;
  return localGovernmentCheckDigit(value.slice(0, 5)) === Number(value[5]);
}

/** JIS X 0401 prefecture code, two digits 01..47. */
export function isPrefectureCode(value: string): boolean {
  if (!/^\d{2}$/.test(value)) return false;
  const n = Number(value);
  return n >= 1 && n <= 47;
}

/** ORCID iD: 0000-0000-0000-000X, ISO 7064 MOD 11-2 check character. */
export function isValidOrcid(value: string): boolean {
  const match = /^(\d{4})-(\d{4})-(\d{4})-(\d{3}[\dX])$/.exec(value);
  if (!match) return false;
  const chars = match.slice(1).join('');
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + Number(chars[i])) * 2;
  const remainder = total % 11;
  const result = (12 - remainder) % 11;
  const expected = result === 10 ? 'X' : String(result);
  return chars[15] === expected;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** ROR id (the 9-character suffix, e.g. 02e16g702): Crockford base32 + ISO 7064 MOD 97-10 checksum. */
export function isValidRorId(value: string): boolean {
  if (!/^0[0-9a-hjkmnp-tv-z]{6}\d{2}$/.test(value)) return false;
  let number = 0n;
  for (const ch of value.slice(0, 7)) number = number * 32n + BigInt(CROCKFORD.indexOf(ch));
  const checksum = 98n - ((number * 100n) % 97n);
  return checksum === BigInt(value.slice(7));
}

/** Accepts https://ror.org/0xxxxxxxx or the bare id; returns the bare id. */
export function normalizeRorId(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\/ror\.org\//i, '')
    .toLowerCase();
}

/** Accepts https://orcid.org/… or the bare iD; returns the bare iD with an upper-case X. */
export function normalizeOrcid(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\/orcid\.org\//i, '')
    .toUpperCase();
}

/** KAKEN researcher number (研究者番号): 8 digits. */
export function isValidKakenResearcherNumber(value: string): boolean {
  return /^\d{8}$/.test(value);
}
