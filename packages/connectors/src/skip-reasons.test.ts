import { describe, expect, it } from 'vitest';
import { SKIP_CODES, skipReason, skippedAt, type SkipCode } from './skip-reasons.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

describe('why a connector left a record out', () => {
  it('says every reason in English and in Japanese, filling the same values', () => {
    for (const code of SKIP_CODES) {
      const values = { ror: '05x', name: 'N', number: '7', value: '-', note: 'n', amount: '-1' };
      const { reason, reasonJa } = skipReason(code as SkipCode, {
        ...values,
        byName: '17',
        location: '13',
        relation: 'mou',
        title: 'T',
        area: '00A02',
        message: 'm',
      });
      expect(reason, code).not.toMatch(JAPANESE);
      expect(reasonJa, code).toMatch(JAPANESE);
      // Every placeholder filled in both languages.
      expect(`${reason} ${reasonJa}`, code).not.toMatch(/\{\w+\}/);
    }
  });

  it('keeps the code and values beside the words', () => {
    expect(skippedAt('line 3', 'history_row', { number: '1010005016469' })).toEqual({
      type: 'skipped',
      at: 'line 3',
      code: 'history_row',
      values: { number: '1010005016469' },
      reason: 'history row of 1010005016469 (latest = 0)',
      reasonJa: '1010005016469 の履歴の行です（最新 = 0）',
    });
  });
});
