/**
 * Support-measure navigator (METI's "support system made visible"): which measures fit a company
 * or project now, each with the reasons, and why near misses miss.
 */
import { DomainError } from '#core/domain-error.ts';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { findMunicipality, findPrefecture, mapUnitOf } from '#core/geo.ts';
import { isPrefectureCode } from '#core/identifiers.ts';
import {
  SECTOR_LABELS_EN,
  SECTOR_LABELS_JA,
  type InnovationPath,
  type Sector,
} from '#core/vocabulary.ts';

export interface SupportSubject {
  /** Innovation stage: 0→1, 1→100, 100→∞. */
  stage: InnovationPath;
  sector: Sector;
  prefectureCode: string;
  /** 6-digit local government code of the subject's municipality, when known. */
  municipalityCode?: string;
  /** Headcount, when known (firm size). */
  employees?: number;
  /** Annual revenue in JPY, when known (firm size). */
  revenue?: number;
  /** Actor flags (e.g. `large`), when known. */
  flags?: readonly string[];
  /** Technology or industry fields, e.g. 食品, 医療機器. */
  fields: readonly string[];
  /** JPY. */
  amountNeeded?: number;
  /** YYYY-MM-DD. */
  date: string;
}

export type CriterionName = 'stage' | 'region' | 'sector' | 'field' | 'period' | 'amount' | 'size';

/**
 * A support measure as the navigator reads it: the stored record, and for a measure offered by a
 * municipality (市町村), the municipalities it covers (a city's measure covers that city only).
 */
export type SupportMeasureInput = SupportMeasure & { municipalityCodes?: readonly string[] };

/**
 * Revenue per employee assumed when a firm's revenue is unknown (JPY; the order of magnitude of
 * Japanese SMEs' sales per head), and how many times a year's revenue an award may reach before
 * it is out of the firm's scale.
 */
export const REVENUE_PER_EMPLOYEE = 20_000_000;
export const AWARD_TO_REVENUE_CEILING = 10;
/** Headcount above which a firm is not an SME (中小企業基本法, manufacturing: 300). */
export const SME_MAX_EMPLOYEES = 300;

/**
 * Cues that a measure without recorded fields is in fact for a field (its name or eligibility
 * names it): a medical-device or agriculture programme is not open to every field.
 */
const FIELD_CUES: readonly (readonly [field: string, cue: RegExp])[] = [
  ['医療機器', /医療機器|医工連携/u],
  ['ライフサイエンス', /医療|医薬|創薬|ライフサイエンス|バイオ|ヘルスケア/u],
  ['食品・農業', /農林|農業|農産|食品|畜産|林業/u],
  ['海洋・水産', /水産|漁業|海洋/u],
  ['エネルギー', /エネルギー|再エネ|脱炭素|水素/u],
  ['環境', /環境|リサイクル|脱炭素/u],
  ['半導体', /半導体/u],
  ['IoT・AI', /IoT|ＩｏＴ|AI|ＡＩ|人工知能|デジタル|DX/u],
  ['光・量子', /量子|フォトニクス|光技術/u],
];

/** Fields a measure's name and eligibility name, for a measure without recorded fields. */
export function fieldsFromText(measure: Pick<SupportMeasure, 'name' | 'eligibility'>): string[] {
  const text = `${measure.name} ${measure.eligibility ?? ''}`;
  return FIELD_CUES.filter(([, cue]) => cue.test(text)).map(([field]) => field);
}

const SME_ONLY = /中小企業|小規模事業者|中小・小規模/u;

/**
 * Why a criterion fits or misses, as a stable code with typed values (codes of stages, sectors and
 * prefectures, dates as YYYY-MM-DD, amounts in JPY), for messages in any language.
 */
export type CriterionReason =
  | { code: 'stage_any'; values: Record<string, never> }
  | { code: 'stage_targeted'; values: { stage: InnovationPath } }
  | { code: 'stage_not_targeted'; values: { stages: InnovationPath[]; stage: InnovationPath } }
  | { code: 'region_nationwide'; values: Record<string, never> }
  | { code: 'region_in'; values: { prefectureCode: string } }
  | { code: 'region_only'; values: { prefectureCodes: string[] } }
  | { code: 'sector_any'; values: Record<string, never> }
  | { code: 'sector_ok'; values: { sector: Sector } }
  | { code: 'sector_only'; values: { sectors: Sector[]; sector: Sector } }
  | { code: 'field_any'; values: Record<string, never> }
  | {
      code: 'region_municipality_in';
      values: { municipalityCode: string; municipalityName: string };
    }
  | {
      code: 'region_municipality_only';
      values: { municipalityCodes: string[]; municipalityNames: string[] };
    }
  | { code: 'field_match'; values: { fields: string[]; inferredFromText?: boolean } }
  | {
      code: 'field_mismatch';
      values: { fields: string[]; wanted: string[]; inferredFromText?: boolean };
    }
  | { code: 'period_not_open'; values: { opens: string } }
  | { code: 'period_closed'; values: { closed: string } }
  | { code: 'period_open'; values: { date: string; until: string | null } }
  | { code: 'amount_unstated'; values: Record<string, never> }
  | { code: 'amount_covers'; values: { maxAmount: number; needed: number } }
  | { code: 'amount_short'; values: { maxAmount: number; needed: number } }
  | {
      code: 'size_fits';
      values: { maxAmount: number | null; employees: number | null; ceiling: number | null };
    }
  | {
      code: 'size_out_of_scale';
      /** `ceiling` = AWARD_TO_REVENUE_CEILING × (revenue, else employees × REVENUE_PER_EMPLOYEE). */
      values: {
        maxAmount: number;
        employees: number | null;
        revenue: number | null;
        ceiling: number;
      };
    }
  | { code: 'size_not_sme'; values: { employees: number | null; maxEmployees: number } };

export type CriterionReasonCode = CriterionReason['code'];

export type CriterionResult = CriterionReason & {
  criterion: CriterionName;
  ok: boolean;
  /** English reason (fit or miss), naming prefectures, sectors and stages in words. */
  reason: string;
  /** The same in Japanese (香川県, 企業, 0→1). */
  reasonJa: string;
};

export interface SupportMeasureMatch {
  measure: SupportMeasureInput;
  fits: boolean;
  /** Targeted (stage, region, field) fits rank above generic ones. */
  score: number;
  reasons: CriterionResult[];
  /** The criteria that fail (empty when it fits). */
  whyNot: CriterionResult[];
}

export interface SupportMatchResult {
  matches: SupportMeasureMatch[];
  /** Measures failing at most `maxMisses` criteria, with why not. */
  nearMisses: SupportMeasureMatch[];
}

/** Stage names (0→1 university ventures, 1→100 second founding, 100→∞ only-one). */
export const STAGE_LABELS: Record<InnovationPath, string> = {
  zero_to_one: '0→1',
  one_to_hundred: '1→100',
  hundred_to_infinity: '100→∞',
};

function yen(amount: number): string {
  return `¥${Math.round(amount).toLocaleString('en-US')}`;
}

/** Yen in Japanese as the screens write it: 134億円, 500万円, 8,000円 (four significant digits). */
function yenJa(amount: number): string {
  const significant = (value: number) =>
    new Intl.NumberFormat('ja-JP', { maximumSignificantDigits: 4 }).format(value);
  if (Math.abs(amount) >= 100_000_000) return `${significant(amount / 100_000_000)}億円`;
  if (Math.abs(amount) >= 10_000) return `${significant(amount / 10_000)}万円`;
  return `${new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 }).format(amount)}円`;
}

const prefectureJa = (code: string) => findPrefecture(code)?.name ?? code;
const prefectureEn = (code: string) => findPrefecture(code)?.nameEn ?? code;
const municipalityJa = (code: string) => findMunicipality(code)?.name ?? code;
const listEn = (items: readonly string[], last: 'and' | 'or') =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;

/** The English and Japanese text of a reason, naming things in words. */
export function reasonText(r: CriterionReason): { reason: string; reasonJa: string } {
  switch (r.code) {
    case 'stage_any':
      return { reason: 'open to every stage', reasonJa: '全ステージ対象' };
    case 'stage_targeted': {
      const stage = STAGE_LABELS[r.values.stage];
      return { reason: `targets the ${stage} stage`, reasonJa: `${stage}段階が対象` };
    }
    case 'stage_not_targeted': {
      const stage = STAGE_LABELS[r.values.stage];
      const stages = r.values.stages.map((s) => STAGE_LABELS[s]);
      return {
        reason: `targets ${stages.join(', ')}, not ${stage}`,
        reasonJa: `対象は${stages.join('・')}で${stage}は対象外`,
      };
    }
    case 'region_nationwide':
      return { reason: 'nationwide', reasonJa: '全国対象' };
    case 'region_in':
      return {
        reason: `offered in ${prefectureEn(r.values.prefectureCode)}`,
        reasonJa: `所在地（${prefectureJa(r.values.prefectureCode)}）が対象地域`,
      };
    case 'region_only':
      return {
        reason: `only for ${listEn(r.values.prefectureCodes.map(prefectureEn), 'and')}`,
        reasonJa: `対象地域は${r.values.prefectureCodes.map(prefectureJa).join('・')}のみ`,
      };
    case 'region_municipality_in':
      return {
        reason: `offered in ${r.values.municipalityName}`,
        reasonJa: `所在地（${r.values.municipalityName}）が対象地域`,
      };
    case 'region_municipality_only':
      return {
        reason: `only for ${listEn(r.values.municipalityNames, 'and')}`,
        reasonJa: `対象地域は${r.values.municipalityNames.join('・')}のみ`,
      };
    case 'sector_any':
      return { reason: 'any applicant sector', reasonJa: '申請者の種別を問わない' };
    case 'sector_ok':
      return {
        reason: `open to ${SECTOR_LABELS_EN[r.values.sector]} applicants`,
        reasonJa: `${SECTOR_LABELS_JA[r.values.sector]}が申請可能`,
      };
    case 'sector_only':
      return {
        reason: `only for ${listEn(
          r.values.sectors.map((s) => SECTOR_LABELS_EN[s]),
          'or',
        )} applicants, not ${SECTOR_LABELS_EN[r.values.sector]}`,
        reasonJa: `申請者は${r.values.sectors.map((s) => SECTOR_LABELS_JA[s]).join('・')}に限る`,
      };
    case 'field_any':
      return { reason: 'any field', reasonJa: '分野を問わない' };
    case 'field_match': {
      const read = r.values.inferredFromText === true;
      return {
        reason: `field ${r.values.fields.join(', ')}${read ? ' (read from its name and eligibility)' : ''}`,
        reasonJa: `分野（${r.values.fields.join('・')}）が合致${read ? '（名称・要件から判定）' : ''}`,
      };
    }
    case 'field_mismatch': {
      const read = r.values.inferredFromText === true;
      return {
        reason: `fields ${r.values.fields.join(', ')}${read ? ' (read from its name and eligibility)' : ''} do not include ${r.values.wanted.join(', ') || 'the subject’s'}`,
        reasonJa: `対象分野（${r.values.fields.join('・')}${read ? '、名称・要件から判定' : ''}）に該当しない`,
      };
    }
    case 'period_not_open':
      return { reason: `opens on ${r.values.opens}`, reasonJa: `${r.values.opens}から受付` };
    case 'period_closed':
      return { reason: `closed on ${r.values.closed}`, reasonJa: `${r.values.closed}で終了` };
    case 'period_open':
      return r.values.until
        ? {
            reason: `open on ${r.values.date} (until ${r.values.until})`,
            reasonJa: `${r.values.date}時点で受付中（${r.values.until}まで）`,
          }
        : { reason: `open on ${r.values.date}`, reasonJa: `${r.values.date}時点で利用可能` };
    case 'amount_unstated':
      return {
        reason: 'amount not stated; ask the provider',
        reasonJa: '金額の記載なし（提供機関に確認）',
      };
    case 'amount_covers':
      return {
        reason: `up to ${yen(r.values.maxAmount)} covers the ${yen(r.values.needed)} needed`,
        reasonJa: `上限${yenJa(r.values.maxAmount)}で必要額${yenJa(r.values.needed)}をまかなえる`,
      };
    case 'amount_short':
      return {
        reason: `up to ${yen(r.values.maxAmount)}, less than the ${yen(r.values.needed)} needed`,
        reasonJa: `上限${yenJa(r.values.maxAmount)}で必要額${yenJa(r.values.needed)}に足りない`,
      };
    case 'size_fits':
      return r.values.ceiling === null
        ? { reason: 'an SME-sized firm', reasonJa: '中小企業の規模に該当' }
        : {
            reason: `award within the firm’s scale (up to ${yen(r.values.ceiling)})`,
            reasonJa: `企業規模に見合う金額（目安上限${yenJa(r.values.ceiling)}）`,
          };
    case 'size_out_of_scale': {
      const size =
        r.values.revenue !== null
          ? `revenue ${yen(r.values.revenue)}`
          : `${r.values.employees ?? '?'} employees`;
      const sizeJa =
        r.values.revenue !== null
          ? `売上${yenJa(r.values.revenue)}`
          : `従業員${r.values.employees ?? '?'}人`;
      return {
        reason: `up to ${yen(r.values.maxAmount)} is beyond the scale of a firm with ${size} (over ${yen(r.values.ceiling)})`,
        reasonJa: `上限${yenJa(r.values.maxAmount)}は${sizeJa}の企業の規模を超える（目安${yenJa(r.values.ceiling)}）`,
      };
    }
    case 'size_not_sme':
      return {
        reason: `for SMEs only; ${r.values.employees ?? 'a large firm’s'} employees exceed ${r.values.maxEmployees}`,
        reasonJa: `中小企業向け（従業員${r.values.employees ?? '?'}人は${r.values.maxEmployees}人を超える）`,
      };
  }
}

function result(criterion: CriterionName, ok: boolean, r: CriterionReason): CriterionResult {
  return { criterion, ok, ...r, ...reasonText(r) };
}

function fieldMatches(wanted: readonly string[], offered: readonly string[]): string[] {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();
  return offered.filter((o) =>
    wanted.some(
      (w) => norm(w).length > 0 && (norm(o).includes(norm(w)) || norm(w).includes(norm(o))),
    ),
  );
}

const none: Record<string, never> = {};

/** The region criterion: a municipality's measure covers that municipality (and its wards). */
function regionResult(measure: SupportMeasureInput, subject: SupportSubject): CriterionResult {
  const cities = measure.municipalityCodes ?? [];
  if (cities.length > 0) {
    const own = subject.municipalityCode;
    const unit = own === undefined ? undefined : (mapUnitOf(own)?.code ?? own);
    const hit = own !== undefined && cities.some((c) => c === own || c === unit);
    return hit && own !== undefined
      ? result('region', true, {
          code: 'region_municipality_in',
          values: { municipalityCode: own, municipalityName: municipalityJa(own) },
        })
      : result('region', false, {
          code: 'region_municipality_only',
          values: { municipalityCodes: [...cities], municipalityNames: cities.map(municipalityJa) },
        });
  }
  return measure.prefectureCodes.length === 0
    ? result('region', true, { code: 'region_nationwide', values: none })
    : measure.prefectureCodes.includes(subject.prefectureCode)
      ? result('region', true, {
          code: 'region_in',
          values: { prefectureCode: subject.prefectureCode },
        })
      : result('region', false, {
          code: 'region_only',
          values: { prefectureCodes: [...measure.prefectureCodes] },
        });
}

/**
 * The size criterion, for a company whose headcount or revenue is known: an SME-only measure is
 * not for a firm over SME_MAX_EMPLOYEES (or flagged large), and an award over
 * AWARD_TO_REVENUE_CEILING × the firm's revenue (estimated from headcount when unknown) is out of
 * its scale. Null when there is nothing to judge.
 */
function sizeResult(measure: SupportMeasureInput, subject: SupportSubject): CriterionResult | null {
  if (subject.sector !== 'company') return null;
  const employees = subject.employees ?? null;
  const revenue = subject.revenue ?? null;
  const large =
    (employees !== null && employees > SME_MAX_EMPLOYEES) ||
    (subject.flags ?? []).includes('large');
  const smeOnly = SME_ONLY.test(`${measure.eligibility ?? ''} ${measure.name}`);
  if (smeOnly && large)
    return result('size', false, {
      code: 'size_not_sme',
      values: { employees, maxEmployees: SME_MAX_EMPLOYEES },
    });
  const scale = Math.max(revenue ?? 0, (employees ?? 0) * REVENUE_PER_EMPLOYEE);
  const maxAmount = measure.maxAmount ?? null;
  if (maxAmount !== null && scale > 0) {
    const ceiling = AWARD_TO_REVENUE_CEILING * scale;
    return maxAmount > ceiling
      ? result('size', false, {
          code: 'size_out_of_scale',
          values: { maxAmount, employees, revenue, ceiling },
        })
      : result('size', true, { code: 'size_fits', values: { maxAmount, employees, ceiling } });
  }
  if (smeOnly && employees !== null)
    return result('size', true, {
      code: 'size_fits',
      values: { maxAmount, employees, ceiling: null },
    });
  return null;
}

function evaluate(measure: SupportMeasureInput, subject: SupportSubject): CriterionResult[] {
  const results: CriterionResult[] = [];
  const stage = subject.stage;
  results.push(
    measure.stages.length === 0
      ? result('stage', true, { code: 'stage_any', values: none })
      : measure.stages.includes(stage)
        ? result('stage', true, { code: 'stage_targeted', values: { stage } })
        : result('stage', false, {
            code: 'stage_not_targeted',
            values: { stages: [...measure.stages], stage },
          }),
  );
  results.push(regionResult(measure, subject));
  results.push(
    measure.targetSectors.length === 0
      ? result('sector', true, { code: 'sector_any', values: none })
      : measure.targetSectors.includes(subject.sector)
        ? result('sector', true, { code: 'sector_ok', values: { sector: subject.sector } })
        : result('sector', false, {
            code: 'sector_only',
            values: { sectors: [...measure.targetSectors], sector: subject.sector },
          }),
  );
  const inferred = measure.fields.length === 0 ? fieldsFromText(measure) : [];
  const offered = measure.fields.length > 0 ? measure.fields : inferred;
  if (offered.length > 0) {
    const hits = fieldMatches(subject.fields, offered);
    const read = inferred.length > 0 ? { inferredFromText: true } : {};
    results.push(
      hits.length > 0
        ? result('field', true, { code: 'field_match', values: { fields: hits, ...read } })
        : result('field', false, {
            code: 'field_mismatch',
            values: { fields: [...offered], wanted: [...subject.fields], ...read },
          }),
    );
  } else {
    results.push(result('field', true, { code: 'field_any', values: none }));
  }
  const opens = measure.startDate;
  const closes = measure.endDate;
  if (opens && subject.date < opens) {
    results.push(result('period', false, { code: 'period_not_open', values: { opens } }));
  } else if (closes && subject.date > closes) {
    results.push(result('period', false, { code: 'period_closed', values: { closed: closes } }));
  } else {
    results.push(
      result('period', true, {
        code: 'period_open',
        values: { date: subject.date, until: closes ?? null },
      }),
    );
  }
  if (subject.amountNeeded !== undefined) {
    const needed = subject.amountNeeded;
    if (measure.maxAmount === undefined) {
      results.push(result('amount', true, { code: 'amount_unstated', values: none }));
    } else if (measure.maxAmount >= needed) {
      results.push(
        result('amount', true, {
          code: 'amount_covers',
          values: { maxAmount: measure.maxAmount, needed },
        }),
      );
    } else {
      results.push(
        result('amount', false, {
          code: 'amount_short',
          values: { maxAmount: measure.maxAmount, needed },
        }),
      );
    }
  }
  const size = sizeResult(measure, subject);
  if (size) results.push(size);
  return results;
}

/**
 * Ranks the measures that fit the subject (targeted before generic, then larger amounts), and
 * lists near misses (at most `maxMisses` failed criteria, default 1) with why not.
 */
export function matchSupportMeasures(
  measures: readonly SupportMeasureInput[],
  subject: SupportSubject,
  options: { maxMisses?: number } = {},
): SupportMatchResult {
  if (!isPrefectureCode(subject.prefectureCode)) {
    throw new DomainError(
      'validation_failed',
      `"${subject.prefectureCode}" is not a prefecture code 01..47`,
      {
        prefectureCode: subject.prefectureCode,
      },
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(subject.date)) {
    throw new DomainError('validation_failed', `"${subject.date}" is not a date YYYY-MM-DD`, {
      date: subject.date,
    });
  }
  if (
    subject.amountNeeded !== undefined &&
    (!Number.isFinite(subject.amountNeeded) || subject.amountNeeded < 0)
  ) {
    throw new DomainError(
      'validation_failed',
      `amount needed must be ≥ 0, got ${subject.amountNeeded}`,
      {
        amountNeeded: subject.amountNeeded,
      },
    );
  }
  const maxMisses = options.maxMisses ?? 1;
  const evaluated = measures.map((measure): SupportMeasureMatch => {
    const reasons = evaluate(measure, subject);
    const whyNot = reasons.filter((r) => !r.ok);
    const score =
      reasons.filter((r) => r.ok).length +
      (measure.stages.length > 0 ? 0.5 : 0) +
      (measure.prefectureCodes.length > 0 || (measure.municipalityCodes ?? []).length > 0
        ? 0.5
        : 0) +
      (measure.fields.length > 0 || fieldsFromText(measure).length > 0 ? 0.5 : 0);
    return { measure, fits: whyNot.length === 0, score, reasons, whyNot };
  });
  const rank = (a: SupportMeasureMatch, b: SupportMeasureMatch) =>
    b.score - a.score ||
    (b.measure.maxAmount ?? 0) - (a.measure.maxAmount ?? 0) ||
    a.measure.name.localeCompare(b.measure.name);
  return {
    matches: evaluated.filter((m) => m.fits).sort(rank),
    nearMisses: evaluated
      .filter((m) => !m.fits && m.whyNot.length <= maxMisses)
      .sort((a, b) => a.whyNot.length - b.whyNot.length || rank(a, b)),
  };
}
