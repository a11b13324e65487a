import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { dependentsIn, describeDependents, keepsHistory } from './still-used.ts';

type MessageKey = keyof typeof ja;
const catalogues: Record<'ja' | 'en', Record<MessageKey, string>> = { ja, en };
const translate =
  (language: 'ja' | 'en') =>
  (key: MessageKey, values: Record<string, string | number> = {}): string =>
    catalogues[language][key].replace(/\{(\w+)\}/g, (whole: string, name: string) =>
      String(values[name] ?? whole),
    );

describe('a delete refused because the record is still used', () => {
  it('reads the kinds and counts of the answer, leaving out what is not one', () => {
    expect(
      dependentsIn({
        code: 'conflict',
        dependents: [
          { kind: 'relations', count: 2 },
          { kind: 'needs' },
          'x',
          { kind: 'hidden', count: 1 },
        ],
      }),
    ).toEqual([
      { kind: 'relations', count: 2 },
      { kind: 'hidden', count: 1 },
    ]);
    expect(dependentsIn({ code: 'conflict' })).toEqual([]);
    expect(dependentsIn(null)).toEqual([]);
  });

  it('names each kind in the page’s language', () => {
    const found = [
      { kind: 'relations', count: 2 },
      { kind: 'hidden', count: 1 },
      { kind: 'future-kind', count: 3 },
    ];
    expect(describeDependents(found, translate('ja'))).toBe(
      '関係 2 件、あなたが閲覧できない記録 1 件、future-kind: 3',
    );
    expect(describeDependents(found, translate('en'))).toBe(
      'relations: 2, records you may not see: 1, future-kind: 3',
    );
  });

  it('names a need’s digest and disclosures and a seed’s judgements in both languages', () => {
    const found = [
      { kind: 'digests', count: 1 },
      { kind: 'disclosures', count: 2 },
      { kind: 'judgements', count: 3 },
      { kind: 'hidden', count: 1 },
    ];
    expect(describeDependents(found, translate('ja'))).toBe(
      '公開中または取り下げた概要 1 件、開示の依頼 2 件、マッチングの判断 3 件、あなたが閲覧できない記録 1 件',
    );
    expect(describeDependents(found, translate('en'))).toBe(
      'published or withdrawn digests: 1, disclosure requests: 2, matching judgements: 3, records you may not see: 1',
    );
  });

  it('tells history that stays (digest, disclosures, judgements, consultations) from records to delete first', () => {
    expect(keepsHistory([{ kind: 'judgements', count: 1 }])).toBe(true);
    expect(
      keepsHistory([
        { kind: 'hidden', count: 1 },
        { kind: 'consultations', count: 2 },
      ]),
    ).toBe(true);
    expect(
      keepsHistory([
        { kind: 'relations', count: 2 },
        { kind: 'hidden', count: 1 },
      ]),
    ).toBe(false);
  });
});
