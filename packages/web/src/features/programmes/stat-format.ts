/**
 * Formatting of statistics for the programme screens. A value the analysis could not compute
 * arrives as null and is shown as "—", never as a made-up number.
 */

export const NOT_COMPUTABLE = '—';

function locale(language: string): string {
  return language === 'ja' ? 'ja-JP' : 'en-GB';
}

/** Three significant digits (odds ratios, coefficients); "—" for null. */
export function formatSignificant(value: number | null, language: string, digits = 3): string {
  if (value === null) return NOT_COMPUTABLE;
  if (value === 0) return '0';
  return new Intl.NumberFormat(locale(language), {
    maximumSignificantDigits: digits,
  }).format(value);
}

/** A p-value as reported in papers: "< 0.001", else three decimals; "—" for null. */
export function formatPValue(value: number | null): string {
  if (value === null) return NOT_COMPUTABLE;
  if (value < 0.001) return '< 0.001';
  return value.toFixed(3);
}

/** A share 0..1 as a percentage with at most one decimal; "—" for null. */
export function formatShare(value: number | null, language: string): string {
  if (value === null) return NOT_COMPUTABLE;
  return new Intl.NumberFormat(locale(language), {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A whole or decimal number; "—" for null. */
export function formatNumber(value: number | null, language: string, digits = 0): string {
  if (value === null) return NOT_COMPUTABLE;
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

/** Yen amounts: 1,234,567 → "123万円" in Japanese, "¥1.23M" in English. */
export function formatYen(value: number | null, language: string): string {
  if (value === null) return NOT_COMPUTABLE;
  if (language === 'ja') {
    if (Math.abs(value) >= 100_000_000)
      return `${formatSignificant(value / 100_000_000, language, 4)}億円`;
    if (Math.abs(value) >= 10_000) return `${formatSignificant(value / 10_000, language, 4)}万円`;
    return `${formatNumber(value, language)}円`;
  }
  if (Math.abs(value) >= 1_000_000_000)
    return `¥${formatSignificant(value / 1_000_000_000, language)}bn`;
  if (Math.abs(value) >= 1_000_000) return `¥${formatSignificant(value / 1_000_000, language)}M`;
  return `¥${formatNumber(value, language)}`;
}
