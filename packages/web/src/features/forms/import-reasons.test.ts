import { describe, expect, it } from 'vitest';
import { reasonIn, skippedReasonIn } from './import-reasons.ts';

describe('a rejected row’s reason in the page’s language', () => {
  it('takes its own side of a bilingual reason', () => {
    const reason = 'end_fy is required: Last fiscal year ／ end_fy（終了年度）は必須です';
    expect(reasonIn('ja', reason).text).toBe('end_fy（終了年度）は必須です');
    expect(reasonIn('en', reason).text).toBe('end_fy is required: Last fiscal year');
  });

  it('says the common English-only reasons again in Japanese, others as given', () => {
    expect(reasonIn('ja', 'unknown actor "ghost"')).toMatchObject({
      key: 'forms2.import.reason.unknown',
      values: { value: 'ghost' },
    });
    expect(reasonIn('ja', 'duplicate of row 2 (a>b:mou@)')).toMatchObject({
      key: 'forms2.import.reason.duplicate',
      values: { row: '2' },
    });
    expect(reasonIn('en', 'unknown actor "ghost"')).toEqual({ text: 'unknown actor "ghost"' });
    expect(reasonIn('ja', 'Invalid input')).toEqual({ text: 'Invalid input' });
    expect(reasonIn('ja', 'Invalid option: expected one of "organization"|"person"')).toMatchObject(
      {
        key: 'connectorDetect.reason.invalidOption',
        values: { options: '"organization"、"person"' },
      },
    );
    expect(reasonIn('ja', 'not a prefecture code 01..47').key).toBe('forms.error.prefecture');
    expect(reasonIn('en', 'not a prefecture code 01..47').key).toBe('forms.error.prefecture');
  });
});

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
