/**
 * The analyses the server computes ahead of being asked (the warm-up), one after the other as the
 * store computes them, counted so that a page or a script can tell how far they are
 * (`GET /api/analyses/progress`): at national scale the warm-up takes minutes after a data load.
 */
import type { AnalysisRequest, AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import type { Clock } from '#core/ports.ts';

export interface WarmUpProgress {
  /** Analyses the warm-up computes, and how many of them are done (computed or read back). */
  total: number;
  done: number;
  /** When the warm-up started and finished (ISO times), null until then. */
  startedAt: string | null;
  finishedAt: string | null;
}

export interface AnalysisWarmUp {
  /** Runs the warm-up once (a second call returns the first run). */
  start(): Promise<void>;
  progress(): WarmUpProgress;
}

export function createAnalysisWarmUp(
  store: Pick<AnalysisStore, 'warm'>,
  requests: readonly AnalysisRequest[],
  clock: Clock,
): AnalysisWarmUp {
  let done = 0;
  let startedAt: string | null = null;
  let finishedAt: string | null = null;
  let running: Promise<void> | undefined;
  const run = async () => {
    startedAt = clock.now().toISOString();
    // One at a time, as the store's own warm-up does; each counted when its answer is kept.
    for (const request of requests) {
      await store.warm([request]);
      done++;
    }
    finishedAt = clock.now().toISOString();
  };
  return {
    start() {
      running ??= run();
      return running;
    },
    progress: () => ({ total: requests.length, done, startedAt, finishedAt }),
  };
}
