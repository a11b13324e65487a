/**
 * Names of organisations and people as resolution compares them: NFKC (full-width letters and digits,
 * ㈱ → (株)), legal forms taken off (株式会社, （株）, 国立大学法人, Co., Ltd. …), spaces and
 * punctuation removed, Latin letters in lower case.
 */
const LEGAL_FORMS = [
  '地方独立行政法人',
  '国立研究開発法人',
  '独立行政法人',
  '国立大学法人',
  '公立大学法人',
  '大学共同利用機関法人',
  '学校法人',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '特定非営利活動法人',
  '社会福祉法人',
  '医療法人社団',
  '医療法人財団',
  '医療法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '(株)',
  '(有)',
  '(同)',
  '(財)',
  '(社)',
  '(独)',
];

const LATIN_FORMS =
  /\b(co\.?,?\s*ltd\.?|corporation|corp\.?|incorporated|inc\.?|k\.k\.|kabushiki kaisha|limited|ltd\.?|llc)\b/g;

export function normalizeActorName(name: string): string {
  // Latin forms need their spaces; Japanese ones are found even when spaced (株式 会社, with an ideographic space).
  let value = name.normalize('NFKC').toLowerCase().replace(LATIN_FORMS, '').replace(/\s/g, '');
  for (const form of LEGAL_FORMS) value = value.split(form).join('');
  return value.replace(/[\p{P}\p{S}]/gu, '');
}

/** Sørensen–Dice coefficient over character bigrams of two normalised names, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = (value: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (let i = 0; i < value.length - 1; i++) {
      const gram = value.slice(i, i + 2);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    return counts;
  };
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}
