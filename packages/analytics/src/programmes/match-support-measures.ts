/**
 * Support-measure navigator (METI's "support system made visible"): which measures fit a company
 * or project now, each with the reasons, and why near misses miss.
 */
import { DomainError } from '#core/domain-error.ts';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { findPrefecture } from '#core/geo.ts';
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
  /** Technology or industry fields, e.g. 食品, 医療機器. */
  fields: readonly string[];
  /** JPY. */
  amountNeeded?: number;
  /** YYYY-MM-DD. */
  date: string;
}

export type CriterionName = 'stage' | 'region' | 'sector' | 'field' | 'period' | 'amount';

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
  | { code: 'field_match'; values: { fields: string[] } }
  | { code: 'field_mismatch'; values: { fields: string[]; wanted: string[] } }
  | { code: 'period_not_open'; values: { opens: string } }
  | { code: 'period_closed'; values: { closed: string } }
  | { code: 'period_open'; values: { date: string; until: string | null } }
  | { code: 'amount_unstated'; values: Record<string, never> }
  | { code: 'amount_covers'; values: { maxAmount: number; needed: number } }
  | { code: 'amount_short'; values: { maxAmount: number; needed: number } };

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
  measure: SupportMeasure;
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

const prefectureJa = (code: string) => findPrefecture(code)?.name ?? code;
const prefectureEn = (code: string) => findPrefecture(code)?.nameEn ?? code;
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
    case 'field_match':
      return {
        reason: `field ${r.values.fields.join(', ')}`,
        reasonJa: `分野（${r.values.fields.join('・')}）が合致`,
      };
    case 'field_mismatch':
      return {
        reason: `fields ${r.values.fields.join(', ')} do not include ${r.values.wanted.join(', ') || 'the subject’s'}`,
        reasonJa: `対象分野（${r.values.fields.join('・')}）に該当しない`,
      };
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
        reasonJa: `上限${yen(r.values.maxAmount)}で必要額${yen(r.values.needed)}をまかなえる`,
      };
    case 'amount_short':
      return {
        reason: `up to ${yen(r.values.maxAmount)}, less than the ${yen(r.values.needed)} needed`,
        reasonJa: `上限${yen(r.values.maxAmount)}で必要額${yen(r.values.needed)}に足りない`,
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

function evaluate(measure: SupportMeasure, subject: SupportSubject): CriterionResult[] {
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
  results.push(
    measure.prefectureCodes.length === 0
      ? result('region', true, { code: 'region_nationwide', values: none })
      : measure.prefectureCodes.includes(subject.prefectureCode)
        ? result('region', true, {
            code: 'region_in',
            values: { prefectureCode: subject.prefectureCode },
          })
        : result('region', false, {
            code: 'region_only',
            values: { prefectureCodes: [...measure.prefectureCodes] },
          }),
  );
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
  if (measure.fields.length > 0) {
    const hits = fieldMatches(subject.fields, measure.fields);
    results.push(
      hits.length > 0
        ? result('field', true, { code: 'field_match', values: { fields: hits } })
        : result('field', false, {
            code: 'field_mismatch',
            values: { fields: [...measure.fields], wanted: [...subject.fields] },
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
  return results;
}

/**
 * Ranks the measures that fit the subject (targeted before generic, then larger amounts), and
 * lists near misses (at most `maxMisses` failed criteria, default 1) with why not.
 */
export function matchSupportMeasures(
  measures: readonly SupportMeasure[],
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
      (measure.prefectureCodes.length > 0 ? 0.5 : 0) +
      (measure.fields.length > 0 ? 0.5 : 0);
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
