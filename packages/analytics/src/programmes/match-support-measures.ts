/**
 * Support-measure navigator (METI's "support system made visible"): which measures fit a company
 * or project now, each with the reasons, and why near misses miss.
 */
import { DomainError } from '#core/domain-error.ts';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { isPrefectureCode } from '#core/identifiers.ts';
import type { InnovationPath, Sector } from '#core/vocabulary.ts';

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

export interface CriterionResult {
  criterion: CriterionName;
  ok: boolean;
  /** English reason (fit or miss). */
  reason: string;
  reasonJa: string;
}

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

const STAGE_LABELS: Record<InnovationPath, string> = {
  zero_to_one: '0→1',
  one_to_hundred: '1→100',
  hundred_to_infinity: '100→∞',
};

function yen(amount: number): string {
  return `¥${Math.round(amount).toLocaleString('en-US')}`;
}

function fieldMatches(wanted: readonly string[], offered: readonly string[]): string[] {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();
  return offered.filter((o) =>
    wanted.some(
      (w) => norm(w).length > 0 && (norm(o).includes(norm(w)) || norm(w).includes(norm(o))),
    ),
  );
}

function evaluate(measure: SupportMeasure, subject: SupportSubject): CriterionResult[] {
  const results: CriterionResult[] = [];
  const stage = STAGE_LABELS[subject.stage];
  results.push(
    measure.stages.length === 0
      ? { criterion: 'stage', ok: true, reason: 'open to every stage', reasonJa: '全ステージ対象' }
      : measure.stages.includes(subject.stage)
        ? {
            criterion: 'stage',
            ok: true,
            reason: `targets the ${stage} stage`,
            reasonJa: `${stage}段階が対象`,
          }
        : {
            criterion: 'stage',
            ok: false,
            reason: `targets ${measure.stages.map((s) => STAGE_LABELS[s]).join(', ')}, not ${stage}`,
            reasonJa: `対象は${measure.stages.map((s) => STAGE_LABELS[s]).join('・')}で${stage}は対象外`,
          },
  );
  results.push(
    measure.prefectureCodes.length === 0
      ? { criterion: 'region', ok: true, reason: 'nationwide', reasonJa: '全国対象' }
      : measure.prefectureCodes.includes(subject.prefectureCode)
        ? {
            criterion: 'region',
            ok: true,
            reason: `offered in prefecture ${subject.prefectureCode}`,
            reasonJa: `所在地（${subject.prefectureCode}）が対象地域`,
          }
        : {
            criterion: 'region',
            ok: false,
            reason: `only for prefectures ${measure.prefectureCodes.join(', ')}`,
            reasonJa: `対象地域は${measure.prefectureCodes.join('・')}のみ`,
          },
  );
  results.push(
    measure.targetSectors.length === 0
      ? {
          criterion: 'sector',
          ok: true,
          reason: 'any applicant sector',
          reasonJa: '申請者の種別を問わない',
        }
      : measure.targetSectors.includes(subject.sector)
        ? {
            criterion: 'sector',
            ok: true,
            reason: `${subject.sector} may apply`,
            reasonJa: `${subject.sector}が申請可能`,
          }
        : {
            criterion: 'sector',
            ok: false,
            reason: `applicants must be ${measure.targetSectors.join(' or ')}, not ${subject.sector}`,
            reasonJa: `申請者は${measure.targetSectors.join('・')}に限る`,
          },
  );
  if (measure.fields.length > 0) {
    const hits = fieldMatches(subject.fields, measure.fields);
    results.push(
      hits.length > 0
        ? {
            criterion: 'field',
            ok: true,
            reason: `field ${hits.join(', ')}`,
            reasonJa: `分野（${hits.join('・')}）が合致`,
          }
        : {
            criterion: 'field',
            ok: false,
            reason: `fields ${measure.fields.join(', ')} do not include ${subject.fields.join(', ') || 'the subject’s'}`,
            reasonJa: `対象分野（${measure.fields.join('・')}）に該当しない`,
          },
    );
  } else {
    results.push({ criterion: 'field', ok: true, reason: 'any field', reasonJa: '分野を問わない' });
  }
  const opens = measure.startDate;
  const closes = measure.endDate;
  if (opens && subject.date < opens) {
    results.push({
      criterion: 'period',
      ok: false,
      reason: `opens on ${opens}`,
      reasonJa: `${opens}から受付`,
    });
  } else if (closes && subject.date > closes) {
    results.push({
      criterion: 'period',
      ok: false,
      reason: `closed on ${closes}`,
      reasonJa: `${closes}で終了`,
    });
  } else {
    results.push({
      criterion: 'period',
      ok: true,
      reason: closes ? `open on ${subject.date} (until ${closes})` : `open on ${subject.date}`,
      reasonJa: closes
        ? `${subject.date}時点で受付中（${closes}まで）`
        : `${subject.date}時点で利用可能`,
    });
  }
  if (subject.amountNeeded !== undefined) {
    if (measure.maxAmount === undefined) {
      results.push({
        criterion: 'amount',
        ok: true,
        reason: 'amount not stated; ask the provider',
        reasonJa: '金額の記載なし（提供機関に確認）',
      });
    } else if (measure.maxAmount >= subject.amountNeeded) {
      results.push({
        criterion: 'amount',
        ok: true,
        reason: `up to ${yen(measure.maxAmount)} covers the ${yen(subject.amountNeeded)} needed`,
        reasonJa: `上限${yen(measure.maxAmount)}で必要額${yen(subject.amountNeeded)}をまかなえる`,
      });
    } else {
      results.push({
        criterion: 'amount',
        ok: false,
        reason: `up to ${yen(measure.maxAmount)}, less than the ${yen(subject.amountNeeded)} needed`,
        reasonJa: `上限${yen(measure.maxAmount)}で必要額${yen(subject.amountNeeded)}に足りない`,
      });
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
