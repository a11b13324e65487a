/**
 * Important-factor analysis of continuation after a national programme ends (JAREC survey):
 * logistic regression of "continued" (with regional money or a successor programme) vs "stopped",
 * cross-tabs with odds ratios and Fisher's exact test, Kaplan–Meier curves of activity after the end
 * with log-rank tests, and a plain-language summary (ja/en) that says when the data do not support
 * a claim.
 *
 * The shape of the result is a contract (`musubi analyze continuation --json`):
 * `{ records, factors: [{ name, coefficient, ciLow, ciHigh, pValue }], crossTabs: [{ factor, table,
 * oddsRatio, fisherP }], survival: [...], summary }`; other fields are additions.
 */
import { DomainError, isDomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { SurvivalObservation } from '../statistics/kaplan-meier.ts';
import { logisticRegression, type FirthPolicy } from '../statistics/logistic-regression.ts';
import {
  checkAdoptionYears,
  deriveAdoptionMeasures,
  flowAmountJpy,
  type AdoptionMeasures,
  type ExchangeRates,
} from './adoption-measures.ts';
import {
  CONTINUATION_FACTORS,
  DEFAULT_REGRESSION_FACTORS,
  type ContinuationFactorName,
} from './continuation-factors.ts';
import {
  crossTab,
  survivalBy,
  type CrossTab,
  type SurvivalComparison,
} from './continuation-comparisons.ts';
import { summarise } from './continuation-summary.ts';

export interface ContinuationOptions {
  /** The fiscal year of observation: programmes ending in or after it have not ended yet. */
  asOfFy: number;
  actors?: readonly Actor[];
  relations?: readonly Relation[];
  projects?: readonly Project[];
  exchangeRates?: ExchangeRates;
  /** Regression factors; default `DEFAULT_REGRESSION_FACTORS`. */
  factors?: readonly ContinuationFactorName[];
  /** Other non-university organisations (besides companies) that make stakeholders "diverse"; 3. */
  diverseMinOtherOrgs?: number;
  /** A factor unknown for more than this share of records is left out of the regression; 0.2. */
  maxMissingShare?: number;
  /** Fewer records than this: no regression (reported, not thrown); default 20. */
  minRecords?: number;
  firth?: FirthPolicy;
  /** 'throw' (default): invalid adoptions or flows stop the analysis with every problem listed. */
  invalidRecords?: 'throw' | 'exclude';
  /** Significance level for "supported"; default 0.05. */
  alpha?: number;
}

export interface FactorEstimate {
  name: ContinuationFactorName;
  labelJa: string;
  labelEn: string;
  /** Log odds ratio per unit (see `unitEn`). */
  coefficient: number;
  standardError: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
  unitEn: string;
  /** p < alpha and the interval excludes 0 (odds ratio 1). */
  supported: boolean;
}

export interface ExcludedRecord {
  adoptionId: string;
  reason: string;
}

export interface DroppedFactor {
  name: string;
  reason: string;
}

export interface RegressionReport {
  fitted: boolean;
  method: 'maximum_likelihood' | 'firth' | null;
  methodNote: string;
  records: number;
  events: number;
  droppedFactors: DroppedFactor[];
  /** Records left out of the regression only (a factor unknown). */
  incompleteRecords: ExcludedRecord[];
  warnings: string[];
  /** Why no regression was fitted. */
  error: { code: string; message: string } | null;
}

export interface ContinuationAnalysis {
  /** Adoptions that ended before `asOfFy` with a known outcome: the analysed records. */
  records: number;
  asOfFy: number;
  outcome: { definition: string; continued: number; stopped: number };
  factors: FactorEstimate[];
  regression: RegressionReport;
  crossTabs: CrossTab[];
  survival: SurvivalComparison[];
  /** Japanese summary. */
  summary: string;
  summaryEn: string;
  excluded: ExcludedRecord[];
  /**
   * Adoptions whose end year is not published: with a known outcome they count in the outcome
   * (not in the survival curves, whose time runs from the end); with an unknown one, nowhere.
   */
  endFyUnknown: { inOutcome: number; excluded: number };
  methodNotes: string[];
  measures: AdoptionMeasures[];
}

interface Eligible {
  adoption: Adoption;
  measures: AdoptionMeasures;
  continued: boolean;
}

function collectProblems(
  adoptions: readonly Adoption[],
  flows: readonly FundingFlow[],
  rates: ExchangeRates,
): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (id: string, message: string) =>
    problems.set(id, [...(problems.get(id) ?? []), message]);
  const ids = new Set<string>();
  for (const adoption of adoptions) {
    if (ids.has(adoption.id)) add(adoption.id, `adoption ${adoption.id} appears twice`);
    ids.add(adoption.id);
    try {
      checkAdoptionYears(adoption);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      add(adoption.id, error.message);
    }
  }
  for (const flow of flows) {
    if (!flow.adoptionId || !ids.has(flow.adoptionId)) continue;
    try {
      flowAmountJpy(flow, rates);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      add(flow.adoptionId, error.message);
    }
  }
  return problems;
}

/** Runs the whole analysis; see the module comment. */
export function analyseContinuation(
  adoptions: readonly Adoption[],
  flows: readonly FundingFlow[],
  options: ContinuationOptions,
): ContinuationAnalysis {
  const { asOfFy } = options;
  if (!Number.isInteger(asOfFy)) {
    throw new DomainError(
      'validation_failed',
      `asOfFy must be a whole fiscal year, got ${asOfFy}`,
      {
        asOfFy,
      },
    );
  }
  const alpha = options.alpha ?? 0.05;
  const rates = options.exchangeRates ?? {};
  const excluded: ExcludedRecord[] = [];
  const problems = collectProblems(adoptions, flows, rates);
  if (problems.size > 0 && (options.invalidRecords ?? 'throw') === 'throw') {
    const list = [...problems.values()].flat();
    throw new DomainError(
      'validation_failed',
      `${problems.size} adoption(s) have invalid data: ${list.slice(0, 5).join('; ')}${list.length > 5 ? `; … (${list.length - 5} more)` : ''}`,
      { problems: Object.fromEntries(problems) },
    );
  }
  const flowsByAdoption = new Map<string, FundingFlow[]>();
  for (const flow of flows) {
    if (!flow.adoptionId) continue;
    flowsByAdoption.set(flow.adoptionId, [...(flowsByAdoption.get(flow.adoptionId) ?? []), flow]);
  }

  // index the links once: participation relations and projects by adoption, actors by id
  const adoptionIds = new Set(adoptions.map((a) => a.id));
  const participationBy = new Map<string, Relation[]>();
  for (const relation of options.relations ?? []) {
    if (relation.type !== 'participation' || !adoptionIds.has(relation.targetId)) continue;
    participationBy.set(relation.targetId, [
      ...(participationBy.get(relation.targetId) ?? []),
      relation,
    ]);
  }
  const projectsBy = new Map<string, Project[]>();
  for (const project of options.projects ?? []) {
    if (!project.adoptionId) continue;
    projectsBy.set(project.adoptionId, [...(projectsBy.get(project.adoptionId) ?? []), project]);
  }
  const actorsById = new Map((options.actors ?? []).map((a) => [a.id, a]));

  const eligible: Eligible[] = [];
  const allMeasures: AdoptionMeasures[] = [];
  const seen = new Set<string>();
  for (const adoption of adoptions) {
    const problem = problems.get(adoption.id);
    if (problem) {
      if (!seen.has(adoption.id))
        excluded.push({ adoptionId: adoption.id, reason: `invalid: ${problem.join('; ')}` });
      seen.add(adoption.id);
      continue;
    }
    seen.add(adoption.id);
    const measures = deriveAdoptionMeasures(adoption, {
      actorsById,
      relations: participationBy.get(adoption.id) ?? [],
      projects: projectsBy.get(adoption.id) ?? [],
      flows: flowsByAdoption.get(adoption.id) ?? [],
      exchangeRates: rates,
      asOfFy,
      ...(options.diverseMinOtherOrgs !== undefined
        ? { diverseMinOtherOrgs: options.diverseMinOtherOrgs }
        : {}),
    });
    allMeasures.push(measures);
    const endFy = adoption.endFy;
    if ((endFy !== undefined && endFy >= asOfFy) || adoption.continuation === 'ongoing') {
      excluded.push({
        adoptionId: adoption.id,
        reason:
          endFy !== undefined && endFy >= asOfFy
            ? `not ended: end FY ${endFy} ≥ FY ${asOfFy}`
            : 'marked ongoing',
      });
      continue;
    }
    // An unknown end year with a known outcome still counts (the outcome says it ended); with an
    // unknown outcome too there is nothing to count.
    if (endFy === undefined && adoption.continuation === 'unknown') {
      excluded.push({
        adoptionId: adoption.id,
        reason: 'end FY unknown and what happened after it unknown',
      });
      continue;
    }
    if (adoption.continuation === 'unknown') {
      excluded.push({ adoptionId: adoption.id, reason: 'what happened after the end is unknown' });
      continue;
    }
    eligible.push({ adoption, measures, continued: adoption.continuation !== 'stopped' });
  }
  if (eligible.length === 0) {
    throw new DomainError(
      'insufficient_data',
      `no adoption ended before FY ${asOfFy} with a known outcome (${adoptions.length} given, ${excluded.length} excluded)`,
      { records: 0, excluded },
    );
  }

  // ---- regression
  const minRecords = options.minRecords ?? 20;
  const maxMissing = options.maxMissingShare ?? 0.2;
  const requested = options.factors ?? DEFAULT_REGRESSION_FACTORS;
  const dropped: DroppedFactor[] = [];
  let names: ContinuationFactorName[] = [];
  for (const name of requested) {
    const factor = CONTINUATION_FACTORS[name];
    const missing = eligible.filter((e) => factor.value(e.measures) === null).length;
    if (missing / eligible.length > maxMissing) {
      dropped.push({
        name,
        reason: `unknown for ${missing} of ${eligible.length} records (more than ${Math.round(maxMissing * 100)}%)`,
      });
      continue;
    }
    names.push(name);
  }
  const incomplete: ExcludedRecord[] = [];
  const complete = eligible.filter((e) => {
    const missing = names.filter((n) => CONTINUATION_FACTORS[n].value(e.measures) === null);
    if (missing.length > 0) {
      incomplete.push({ adoptionId: e.adoption.id, reason: `unknown: ${missing.join(', ')}` });
      return false;
    }
    return true;
  });
  const regression: RegressionReport = {
    fitted: false,
    method: null,
    methodNote: '',
    records: complete.length,
    events: complete.filter((e) => e.continued).length,
    droppedFactors: dropped,
    incompleteRecords: incomplete,
    warnings: [],
    error: null,
  };
  let factors: FactorEstimate[] = [];
  if (complete.length < minRecords) {
    regression.error = {
      code: 'insufficient_data',
      message: `too few records for the regression: ${complete.length} < ${minRecords}`,
    };
  } else {
    for (let attempt = 0; attempt <= requested.length && names.length > 0; attempt++) {
      const x = complete.map((e) =>
        names.map((n) => CONTINUATION_FACTORS[n].value(e.measures) ?? Number.NaN),
      );
      const y = complete.map((e) => (e.continued ? 1 : 0));
      try {
        const fit = logisticRegression(
          { names, x, y },
          { minRecords, ...(options.firth ? { firth: options.firth } : {}) },
        );
        regression.fitted = true;
        regression.method = fit.method;
        regression.methodNote = fit.methodNote;
        regression.warnings = fit.warnings;
        factors = fit.coefficients.map((c, j) => {
          const def = CONTINUATION_FACTORS[names[j] ?? 'final_grade_s'];
          return {
            name: def.name,
            labelJa: def.labelJa,
            labelEn: def.labelEn,
            coefficient: c.coefficient,
            standardError: c.standardError,
            ciLow: c.ciLow,
            ciHigh: c.ciHigh,
            pValue: c.pValue,
            oddsRatio: c.oddsRatio,
            oddsRatioCiLow: c.oddsRatioCiLow,
            oddsRatioCiHigh: c.oddsRatioCiHigh,
            unitEn: def.unitEn,
            supported: c.pValue < alpha && (c.ciLow > 0 || c.ciHigh < 0),
          };
        });
        break;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'insufficient_data') throw error;
        const culprit = error.details['factor'];
        if (typeof culprit === 'string' && names.some((n) => n === culprit)) {
          dropped.push({ name: culprit, reason: error.message });
          names = names.filter((n) => n !== culprit);
          if (names.length === 0) {
            regression.error = { code: error.code, message: 'no usable factor left' };
          }
          continue;
        }
        regression.error = { code: error.code, message: error.message };
        break;
      }
    }
    if (!regression.fitted && !regression.error) {
      regression.error = { code: 'insufficient_data', message: 'no usable factor' };
    }
  }

  // ---- cross-tabs
  const crossTabs: CrossTab[] = [];
  const skipped: string[] = [];
  const addTab = (result: ReturnType<typeof crossTab>) => {
    if ('skipped' in result)
      skipped.push(`${result.factor} × ${result.outcome}: ${result.skipped}`);
    else crossTabs.push(result);
  };
  const known = (name: ContinuationFactorName) =>
    eligible.flatMap((e) => {
      const v = CONTINUATION_FACTORS[name].value(e.measures);
      return v === null ? [] : [{ e, has: v === 1 }];
    });
  // JAREC finding 1: an S final evaluation goes with a successor programme
  addTab(
    crossTab(
      'final_grade_s',
      'successor',
      known('final_grade_s').map(({ e, has }) => ({
        has,
        outcome: e.adoption.continuation === 'successor',
      })),
      alpha,
    ),
  );
  // JAREC finding 2: diverse stakeholders go with continuation on regional money (successors aside)
  addTab(
    crossTab(
      'diverse_stakeholders',
      'continued_regional',
      known('diverse_stakeholders')
        .filter(({ e }) => e.adoption.continuation !== 'successor')
        .map(({ e, has }) => ({ has, outcome: e.adoption.continuation === 'continued_regional' })),
      alpha,
    ),
  );
  for (const name of [
    'final_grade_s',
    'diverse_stakeholders',
    'interim_grade_s_or_a',
    'coordinator',
  ] as const) {
    addTab(
      crossTab(
        name,
        'continued',
        known(name).map(({ e, has }) => ({ has, outcome: e.continued })),
        alpha,
      ),
    );
  }

  // ---- survival of activity after the end
  const survivalExcluded: ExcludedRecord[] = [];
  const observations = new Map<string, SurvivalObservation>();
  for (const { adoption } of eligible) {
    if (adoption.endFy === undefined) {
      survivalExcluded.push({ adoptionId: adoption.id, reason: 'end FY unknown' });
      continue;
    }
    if (adoption.lastActiveFy === undefined) {
      survivalExcluded.push({ adoptionId: adoption.id, reason: 'no last active FY' });
      continue;
    }
    if (adoption.lastActiveFy < adoption.endFy) {
      survivalExcluded.push({
        adoptionId: adoption.id,
        reason: 'last active FY before the end FY',
      });
      continue;
    }
    const stillActive = adoption.continuation !== 'stopped' && adoption.lastActiveFy >= asOfFy;
    observations.set(adoption.id, {
      time: adoption.lastActiveFy - adoption.endFy,
      event: !stillActive,
    });
  }
  const groupBy = (name: ContinuationFactorName, yes: string, no: string) => {
    const groups = [
      { label: yes, observations: new Array<SurvivalObservation>() },
      { label: no, observations: new Array<SurvivalObservation>() },
    ];
    for (const { e, has } of known(name)) {
      const o = observations.get(e.adoption.id);
      if (o) groups[has ? 0 : 1]?.observations.push(o);
    }
    return survivalBy(name, groups);
  };
  const survival: SurvivalComparison[] =
    observations.size === 0
      ? []
      : [
          survivalBy('all', [{ label: 'all', observations: [...observations.values()] }]),
          groupBy('final_grade_s', 'S', 'A–C'),
          groupBy('diverse_stakeholders', 'diverse', 'not diverse'),
        ];

  const methodNotes = [
    'outcome: continued (with regional money or a successor programme) vs stopped, over adoptions that ended before the observation year; ongoing and unknown outcomes excluded',
    'local funding share: prefecture, municipality, company and bank money over all money from the start to the end FY; money after the end is the outcome and is not used as a factor',
    `diverse stakeholders (JAREC: "not only universities"): companies and at least ${options.diverseMinOtherOrgs ?? 3} other non-university organisations (local government, foundations and support bodies, 公設試, finance) took part; stakeholder sectors counts which of 6 groups (university, public research, company, local government, foundation/support organisation, finance) took part`,
    'survival: years from the end FY to the last active FY; an event when activity stopped (or was last seen before the observation year), censored when still active',
    'end FY not published: kept unknown, never guessed; such an adoption counts in the outcome when its outcome is known, and is left out of the survival curves',
    ...(skipped.length > 0 ? skipped.map((s) => `cross-tab skipped: ${s}`) : []),
    ...(survivalExcluded.length > 0
      ? [
          `${survivalExcluded.length} record(s) left out of the survival curves (no usable last active FY)`,
        ]
      : []),
  ];
  const continued = eligible.filter((e) => e.continued).length;
  const base = {
    records: eligible.length,
    asOfFy,
    outcome: {
      definition: 'continued = continued_regional or successor; stopped = stopped',
      continued,
      stopped: eligible.length - continued,
    },
    factors,
    regression,
    crossTabs,
    survival,
    excluded,
    endFyUnknown: {
      inOutcome: eligible.filter((e) => e.adoption.endFy === undefined).length,
      excluded: adoptions.filter(
        (a) => a.endFy === undefined && !eligible.some((e) => e.adoption.id === a.id),
      ).length,
    },
    methodNotes,
    measures: allMeasures,
  };
  const { ja, en } = summarise(base, { alpha, minRecords });
  return { ...base, summary: ja, summaryEn: en };
}
