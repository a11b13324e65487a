/**
 * `musubi analyze continuation`: the JAREC important-factor analysis (what lets a region keep
 * innovating after a national programme ends) over the stored programme adoptions, their funding
 * flows, participation relations, actors and projects.
 *
 * The result keeps the contract of `analyseContinuation` (`records`, `factors`, `crossTabs`,
 * `survival`, `summary`); when the data cannot support an analysis (no ended adoption with a known
 * outcome, too few records, a constant factor) the reason is in `summary` and no number is NaN.
 */
import {
  analyseContinuation,
  type ContinuationAnalysis,
} from '#analytics/programmes/analyse-continuation.ts';
import { isDomainError } from '#core/domain-error.ts';
import { ZActor } from '#core/entities/actor.ts';
import { ZAdoption } from '#core/entities/adoption.ts';
import { ZFundingFlow } from '#core/entities/funding-flow.ts';
import { ZProject } from '#core/entities/project.ts';
import { ZRelation } from '#core/entities/relation.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { finiteOrNull, fiscalYearOf, readAll } from './load-records.ts';

export interface ContinuationRequest {
  /** Observation fiscal year; default the clock's current fiscal year. */
  asOfFy?: number;
  /** Fewer analysable records than this: no regression; default 20. */
  minRecords?: number;
  alpha?: number;
}

/** The analysis, or the contract shape with empty lists and the reason when it cannot run. */
export type ContinuationOutput = Omit<ContinuationAnalysis, 'measures'> & {
  /** Adoptions read from storage (analysed or not). */
  adoptionsRead: number;
};

export async function analyzeContinuation(
  repos: Repositories,
  clock: Clock,
  request: ContinuationRequest = {},
): Promise<ContinuationOutput> {
  const [adoptions, flows, actors, relations, projects] = await Promise.all([
    readAll(repos, 'adoptions', ZAdoption),
    readAll(repos, 'funding', ZFundingFlow),
    readAll(repos, 'actors', ZActor),
    readAll(repos, 'relations', ZRelation),
    readAll(repos, 'projects', ZProject),
  ]);
  const asOfFy = request.asOfFy ?? fiscalYearOf(clock.now());
  try {
    const { measures: _measures, ...analysis } = analyseContinuation(adoptions, flows, {
      asOfFy,
      actors,
      relations,
      projects,
      // a stored record that cannot be used is reported among the excluded, not fatal
      invalidRecords: 'exclude',
      ...(request.minRecords !== undefined ? { minRecords: request.minRecords } : {}),
      ...(request.alpha !== undefined ? { alpha: request.alpha } : {}),
    });
    return finiteOrNull({ ...analysis, adoptionsRead: adoptions.length });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'insufficient_data') throw error;
    const message = error.message;
    return {
      records: 0,
      asOfFy,
      outcome: {
        definition: 'continued = continued_regional or successor; stopped = stopped',
        continued: 0,
        stopped: 0,
      },
      factors: [],
      regression: {
        fitted: false,
        method: null,
        methodNote: '',
        records: 0,
        events: 0,
        droppedFactors: [],
        incompleteRecords: [],
        warnings: [],
        error: { code: error.code, message },
      },
      crossTabs: [],
      survival: [],
      summary: `分析できません: 事業終了後の状況が分かる採択が${asOfFy}年度より前にありません（${adoptions.length}件読み込み）。`,
      summaryEn: `No analysis: ${message}.`,
      excluded: [],
      endFyUnknown: {
        inOutcome: 0,
        excluded: adoptions.filter((a) => a.endFy === undefined).length,
      },
      methodNotes: [],
      adoptionsRead: adoptions.length,
    };
  }
}
