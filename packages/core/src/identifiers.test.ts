import { describe, expect, it } from 'vitest';
import {
  isPrefectureCode,
  isValidCorporateNumber,
  isValidLocalGovernmentCode,
  isValidOrcid,
  isValidRorId,
  localGovernmentCheckDigit,
  normalizeOrcid,
  normalizeRorId,
} from './identifiers.ts';

describe('corporate number (法人番号)', () => {
  it.each([
    ['7000012050002', true], // 国税庁
    ['1180301018771', true], // トヨタ自動車
    ['8000012010038', true], // 内閣官房
    ['8000012010039', false], // wrong check digit
    ['700001205000', false], // 12 digits
    ['70000120500a2', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidCorporateNumber(value)).toBe(expected);
  });
});

describe('local government code (全国地方公共団体コード)', () => {
  it.each([
    ['011002', true], // 札幌市
    ['131016', true], // 千代田区
    ['401307', true], // 福岡市
    ['472018', true], // 那覇市
    ['011003', false], // wrong check digit
    ['481000', false], // no prefecture 48
    ['01100', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidLocalGovernmentCode(value)).toBe(expected);
  });
  it('computes the check digit, including remainders 0 and 1 (ones digit of 11 and 10)', () => {
    expect(localGovernmentCheckDigit('01202')).toBe(5); // 函館市 012025
    expect(localGovernmentCheckDigit('13108')).toBe(3); // 江東区 131083
    expect(localGovernmentCheckDigit('01101')).toBe(1); // 札幌市中央区 011011, remainder 0
    expect(localGovernmentCheckDigit('01107')).toBe(0); // 札幌市西区 011070, remainder 1
  });
});

describe('prefecture code', () => {
  it.each([
    ['01', true],
    ['47', true],
    ['00', false],
    ['48', false],
    ['1', false],
  ])('%s → %s', (value, expected) => expect(isPrefectureCode(value)).toBe(expected));
});

describe('ORCID', () => {
  it.each([
    ['0000-0002-1825-0097', true],
    ['0000-0001-5109-3700', true],
    ['0000-0002-1694-233X', true],
    ['0000-0002-1825-0098', false],
    ['0000000218250097', false],
  ])('%s → %s', (value, expected) => expect(isValidOrcid(value)).toBe(expected));
  it('normalizes URLs', () => {
    expect(normalizeOrcid('https://orcid.org/0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
  });
});

describe('ROR', () => {
  it.each([
    ['02e16g702', true], // Hokkaido University
    ['057zh3y96', true], // The University of Tokyo
    ['02e16g703', false],
    ['12e16g702', false],
  ])('%s → %s', (value, expected) => expect(isValidRorId(value)).toBe(expected));
  it('normalizes URLs', () => {
    expect(normalizeRorId('https://ror.org/057ZH3Y96')).toBe('057zh3y96');
  });
});
