/**
 * Computes shared analyses in this thread: for tests and for an app made without a database
 * location (an in-memory database cannot be opened again from a worker thread). A server started
 * on a database file or server uses the worker runner instead (`worker-runner.ts`).
 */
import type { Clock, Repositories } from '#core/ports.ts';
import { createNetworkCache } from '../analysis/network-cache.ts';
import type { AnalysisRunner } from './analysis-store.ts';
import { computeOrRestore } from './kept-results.ts';
import type { AnalysisContext } from './shared-analyses.ts';

/**
 * A context whose clock reads the time each computation was asked at. `patient`: it computes ahead
 * of being asked (the warm-up), so it never holds up another worker (see network-cache.ts).
 */
export function createAnalysisContext(
  repos: Repositories,
  options: { patient?: boolean } = {},
): {
  context: AnalysisContext;
  setNow(now: Date): void;
} {
  let now = new Date();
  const clock: Clock = { now: () => now };
  const networks = createNetworkCache(repos, clock, options);
  return {
    context: {
      repos,
      clock,
      network: () => networks.get(),
      compactNetwork: () => networks.compact(),
      seeds: () => networks.seeds(),
    },
    setNow: (at) => {
      now = at;
    },
  };
}

export function createInProcessAnalysisRunner(repos: Repositories): AnalysisRunner {
  const { context, setNow } = createAnalysisContext(repos);
  // One at a time, as in the worker: each computation reads the clock it was asked with.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(name, params, now, keep) {
      const next = queue.then(() => {
        setNow(now);
        return computeOrRestore(context, name, params, keep);
      });
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => undefined,
  };
}
