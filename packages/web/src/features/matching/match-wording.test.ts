import { describe, expect, it } from 'vitest';
import { sideOf, splitMatch, suggestionOf } from './match-wording.ts';

describe('splitMatch', () => {
  it('separates a known field from the matched surface', () => {
    expect(splitMatch('title: 銅')).toEqual({ field: 'title', surface: '銅' });
    expect(splitMatch('abstract: めっき廃液')).toEqual({
      field: 'abstract',
      surface: 'めっき廃液',
    });
  });

  it('leaves texts without a known field whole', () => {
    expect(splitMatch('銅')).toEqual({ surface: '銅' });
    expect(splitMatch('owner: 銅')).toEqual({ surface: 'owner: 銅' });
  });
});

describe('sideOf', () => {
  const text = '地域を全国に広げる (region: any) / widen the region to all of Japan (region: any)';

  it('takes the Japanese half for ja and the English half for en', () => {
    expect(sideOf(text, 'ja')).toBe('地域を全国に広げる (region: any)');
    expect(sideOf(text, 'en')).toBe('widen the region to all of Japan (region: any)');
  });

  it('keeps a one-language text as it is', () => {
    expect(sideOf('コーディネーターに相談する', 'en')).toBe('コーディネーターに相談する');
  });
});

describe('suggestionOf', () => {
  it('drops the API hint after the words', () => {
    const text =
      '地域を全国に広げる (region: any) / widen the region to all of Japan (region: any)';
    expect(suggestionOf(text, 'ja')).toBe('地域を全国に広げる');
    expect(suggestionOf(text, 'en')).toBe('widen the region to all of Japan');
  });
});
