/**
 * Shared analyses' answers kept in the database (`analysis_results`, migration 16), so a server
 * started again on the same data answers from what an earlier run computed instead of computing
 * again. An answer is kept under its key (analysis and parameters) with the fingerprint of the data
 * it was computed from (data versions of the tables it reads, the latest communities run, the day),
 * and found only under the same fingerprint. Done where the analysis runs (the worker thread), so
 * the server's event loop neither parses nor writes the JSON.
 */
import {
  runSharedAnalysis,
  type AnalysisContext,
  type SharedAnalysisName,
  type SharedAnalysisParams,
} from './shared-analyses.ts';

/** Where an answer is kept: the analysis and its parameters, and the data it holds for. */
export interface KeepAs {
  key: string;
  fingerprint: string;
}

/** An answer, and whether it was read back from the database rather than computed. */
export interface RunOutcome {
  value: unknown;
  restored: boolean;
}

/** The kept answer for `keep` if there is one, else the analysis computed now (and kept). */
export async function computeOrRestore<N extends SharedAnalysisName>(
  context: AnalysisContext,
  name: N,
  params: SharedAnalysisParams<N>,
  keep?: KeepAs,
): Promise<RunOutcome> {
  const results = context.repos.analysisResults;
  if (keep) {
    // A database that cannot be read now only costs the computation.
    const stored = await results.read(keep.key, keep.fingerprint).catch(() => undefined);
    if (stored !== undefined) return { value: JSON.parse(stored) as unknown, restored: true };
  }
  const value = await runSharedAnalysis(context, name, params);
  const text = JSON.stringify(value);
  if (keep && text !== undefined) {
    // Not kept (the database busy with an import, say): computed again after the next restart.
    await results
      .write(keep.key, keep.fingerprint, text, context.clock.now().toISOString())
      .catch(() => undefined);
  }
  return { value, restored: false };
}
