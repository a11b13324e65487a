import { describe, expect, it } from 'vitest';
import { skippedReasonIn } from './import-reasons.ts';

describe('a skipped connector record’s reason in the page’s language', () => {
  it('shows the Japanese words on a Japanese page and the English on an English one', () => {
    const skipped = {
      at: 'line 3',
      code: 'history_row',
      values: { number: '1010005016469' },
      reason: 'history row of 1010005016469 (latest = 0)',
      reasonJa: '1010005016469 の履歴の行です（最新 = 0）',
    };
    expect(skippedReasonIn('ja', skipped)).toBe('1010005016469 の履歴の行です（最新 = 0）');
    expect(skippedReasonIn('en', skipped)).toBe('history row of 1010005016469 (latest = 0)');
  });
});
