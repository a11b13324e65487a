import type { WebSupportFit } from '../../api/programme-types.ts';
import type ja from '../../i18n/ja.json';

/** A message key (as in i18n.tsx; imported from the catalogue so this stays a plain .ts module). */
type MessageKey = keyof typeof ja;

/** Stage names, the same in both languages. */
export const STAGE_NAMES: Record<string, string> = {
  zero_to_one: '0→1',
  one_to_hundred: '1→100',
  hundred_to_infinity: '100→∞',
};

export type WebCriterion = WebSupportFit['matches'][number]['reasons'][number];

/** How codes become words in the chosen language. */
export interface ReasonNames {
  prefecture(code: string): string;
  sector(code: string): string;
  stage(code: string): string;
  yen(amount: number | null): string;
  /** Joins a list in the chosen language (・ in Japanese, ", " in English). */
  list(items: readonly string[]): string;
}

export interface ReasonMessage {
  key: MessageKey;
  values: Record<string, string | number>;
}

/**
 * A support-measure criterion (its stable code and typed values from the service) as a message key
 * with values in words: prefecture, sector and stage names, amounts in yen.
 */
export function reasonMessage(r: WebCriterion, names: ReasonNames): ReasonMessage {
  switch (r.code) {
    case 'stage_any':
    case 'region_nationwide':
    case 'sector_any':
    case 'field_any':
    case 'amount_unstated':
      return { key: `support.reason.${r.code}`, values: {} };
    case 'stage_targeted':
      return {
        key: 'support.reason.stage_targeted',
        values: { stage: names.stage(r.values.stage) },
      };
    case 'stage_not_targeted':
      return {
        key: 'support.reason.stage_not_targeted',
        values: {
          stages: names.list(r.values.stages.map(names.stage)),
          stage: names.stage(r.values.stage),
        },
      };
    case 'region_in':
      return {
        key: 'support.reason.region_in',
        values: { prefecture: names.prefecture(r.values.prefectureCode) },
      };
    case 'region_only':
      return {
        key: 'support.reason.region_only',
        values: { prefectures: names.list(r.values.prefectureCodes.map(names.prefecture)) },
      };
    case 'sector_ok':
      return { key: 'support.reason.sector_ok', values: { sector: names.sector(r.values.sector) } };
    case 'sector_only':
      return {
        key: 'support.reason.sector_only',
        values: { sectors: names.list(r.values.sectors.map(names.sector)) },
      };
    case 'field_match':
    case 'field_mismatch':
      return {
        key:
          r.values.inferredFromText === true
            ? `support.reason.${r.code}_inferred`
            : `support.reason.${r.code}`,
        values: { fields: names.list(r.values.fields) },
      };
    case 'region_municipality_in':
      return {
        key: 'support.reason.region_municipality_in',
        values: { municipality: r.values.municipalityName },
      };
    case 'region_municipality_only':
      return {
        key: 'support.reason.region_municipality_only',
        values: { municipalities: names.list(r.values.municipalityNames) },
      };
    case 'size_fits':
      return r.values.ceiling === null
        ? { key: 'support.reason.size_fits_sme', values: {} }
        : { key: 'support.reason.size_fits', values: { ceiling: names.yen(r.values.ceiling) } };
    case 'size_out_of_scale':
      return r.values.revenue === null
        ? {
            key: 'support.reason.size_out_of_scale',
            values: {
              maxAmount: names.yen(r.values.maxAmount),
              employees: r.values.employees ?? '?',
              ceiling: names.yen(r.values.ceiling),
            },
          }
        : {
            key: 'support.reason.size_out_of_scale_revenue',
            values: {
              maxAmount: names.yen(r.values.maxAmount),
              revenue: names.yen(r.values.revenue),
              ceiling: names.yen(r.values.ceiling),
            },
          };
    case 'size_not_sme':
      return {
        key: 'support.reason.size_not_sme',
        values: { employees: r.values.employees ?? '?', maxEmployees: r.values.maxEmployees ?? '' },
      };
    case 'period_not_open':
      return { key: 'support.reason.period_not_open', values: { opens: r.values.opens } };
    case 'period_closed':
      return { key: 'support.reason.period_closed', values: { closed: r.values.closed } };
    case 'period_open':
      return r.values.until
        ? {
            key: 'support.reason.period_open_until',
            values: { date: r.values.date, until: r.values.until },
          }
        : { key: 'support.reason.period_open', values: { date: r.values.date } };
    case 'amount_covers':
    case 'amount_short':
      return {
        key: `support.reason.${r.code}`,
        values: { maxAmount: names.yen(r.values.maxAmount), needed: names.yen(r.values.needed) },
      };
  }
}
