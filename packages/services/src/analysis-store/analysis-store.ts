/**
 * Shared analyses computed once per data change and kept (issue 16 point 4): a result is keyed on
 * the analysis, its parameters, the data versions of the tables it reads, the latest communities
 * run and the day (answers that say "as of" today change at midnight). A request finds the kept
 * result, or waits for the one being computed (several requests share one computation), or
 * starts it. Computing is the runners' job: in worker threads for a server, in process in tests.
 * What a person asks goes to one runner, what is computed ahead (`warm`) to another, one at a
 * time, so an asked analysis never waits behind the warm-up; an answer the warm-up has not started
 * yet is computed for the person who asked. The warm-up starts no further computation while a
 * person's request is pending (a kept answer checked, or one computed), so on a machine with few
 * cores what is asked goes first and the warm-up takes what is left; the computation it has under
 * way runs on. Answers are also kept in the database
 * (`kept-results.ts`), so a server started again on the same data starts warm.
 * Only the analyses of `shared-analyses.ts` are kept — none reads a per-viewer table — so one
 * viewer's answer may be served to any other.
 */
import { isDomainError } from '#core/domain-error.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import type { KeepAs, RunOutcome } from './kept-results.ts';
import {
  tablesOf,
  type SharedAnalysisName,
  type SharedAnalysisParams,
  type SharedAnalysisResult,
} from './shared-analyses.ts';

/** Computes shared analyses (in a worker thread, or in process). */
export interface AnalysisRunner {
  run<N extends SharedAnalysisName>(
    name: N,
    params: SharedAnalysisParams<N>,
    now: Date,
    /** Where the answer is kept in the database (read back when kept for the same data). */
    keep?: KeepAs,
  ): Promise<RunOutcome>;
  close(): Promise<void>;
}

export interface AnalysisRequest<N extends SharedAnalysisName = SharedAnalysisName> {
  name: N;
  params: SharedAnalysisParams<N>;
}

export interface AnalysisStoreProgress {
  /** Results being computed now (or queued for the runner). */
  computing: string[];
  /** Results kept and current as of their last check. */
  ready: number;
  /** Results computed since start, and the seconds the last one took. */
  computed: number;
  /** Results read back from the database (kept by an earlier run on the same data). */
  restored: number;
  lastSeconds: number | null;
}

interface Entry {
  fingerprint: string;
  result: Promise<unknown>;
  done: boolean;
}

/** At most this many results are kept (the least recently asked go first). */
const DEFAULT_MAX_ENTRIES = 500;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` name the same result. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function createAnalysisStore(options: {
  repos: Repositories;
  clock: Clock;
  /** Computes what a person asks. */
  runner: AnalysisRunner;
  /** Computes the warm-up (`warm`), one at a time; without it, `runner` does. */
  warmRunner?: AnalysisRunner;
  /**
   * Analyses whose working state the warm runner keeps once it has computed them (the network,
   * its graph and betweenness, for gap filling and brokers of any community): a person's request
   * for one goes to the warm runner while no warm-up is running, where it is quick, instead of
   * making the other runner build the same state first (tens of seconds at national scale).
   */
  warmRunnerKeeps?: readonly SharedAnalysisName[];
  maxEntries?: number;
  /** Told when a background computation (`warm`) fails. */
  onWarmError?: (error: unknown) => void;
}) {
  const { repos, clock, runner } = options;
  const warmRunner = options.warmRunner ?? runner;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, Entry>();
  let computed = 0;
  let restored = 0;
  let closed = false;
  let lastSeconds: number | null = null;
  // Requests of a person not answered yet, and the warm-ups waiting for them to be answered.
  let asked = 0;
  let warmUpsRunning = 0;
  const keptByWarmRunner = new Set(options.warmRunnerKeeps ?? []);
  const runnerFor = (name: SharedAnalysisName, warming: boolean): AnalysisRunner =>
    warming || (warmUpsRunning === 0 && keptByWarmRunner.has(name)) ? warmRunner : runner;
  let whenNoneAsked: (() => void)[] = [];
  const noneAsked = (): Promise<void> =>
    asked === 0 ? Promise.resolve() : new Promise((resume) => whenNoneAsked.push(resume));
  const personAsks = async <T>(answer: () => Promise<T>): Promise<T> => {
    asked += 1;
    try {
      return await answer();
    } finally {
      asked -= 1;
      if (asked === 0) {
        const waiting = whenNoneAsked;
        whenNoneAsked = [];
        for (const resume of waiting) resume();
      }
    }
  };

  const fingerprintOf = async (name: SharedAnalysisName): Promise<string> => {
    const [versions, [latest]] = await Promise.all([
      repos.dataVersions(),
      repos.analysisRuns.list('communities', 1),
    ]);
    const day = clock.now().toISOString().slice(0, 10);
    return JSON.stringify([tablesOf(name).map((t) => versions[t] ?? 0), latest?.id ?? null, day]);
  };

  const resultOf = async <N extends SharedAnalysisName>(
    name: N,
    params: SharedAnalysisParams<N>,
    warming = false,
  ): Promise<unknown> => {
    const key = `${name} ${canonicalJson(params ?? {})}`;
    const fingerprint = await fingerprintOf(name);
    const kept = entries.get(key);
    if (kept?.fingerprint === fingerprint) {
      entries.delete(key); // most recently asked last
      entries.set(key, kept);
      return kept.result;
    }
    const started = performance.now();
    const outcome = runnerFor(name, warming).run(name, params, clock.now(), {
      key,
      fingerprint,
    });
    const entry: Entry = { fingerprint, result: outcome.then((o) => o.value), done: false };
    entries.delete(key);
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
    outcome.then(
      (o) => {
        entry.done = true;
        if (o.restored) restored += 1;
        else {
          computed += 1;
          lastSeconds = (performance.now() - started) / 1000;
        }
      },
      () => {
        // A failure (a community that does not exist, a database error) is not kept.
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.result;
  };

  return {
    /**
     * Runs `answer` as a person's request: no warm-up computation starts until it is answered
     * (the web views' answers, computed elsewhere, go first too).
     */
    personAsks,
    /** The analysis's answer for the data as they are now. */
    async get<N extends SharedAnalysisName>(
      name: N,
      params: SharedAnalysisParams<N>,
    ): Promise<SharedAnalysisResult<N>> {
      // The runner answers what `runSharedAnalysis(name, params)` returned: the type of `name`.
      return (await personAsks(() => resultOf(name, params))) as SharedAnalysisResult<N>;
    },
    /**
     * Computes these answers in the background (what the web asks first), one after the other on
     * the warm runner, each started only when no request of a person is pending; one asked
     * meanwhile is computed for the asker and found here when its turn comes.
     */
    async warm(requests: readonly AnalysisRequest[]): Promise<void> {
      warmUpsRunning += 1;
      try {
        for (const request of requests) {
          while (asked > 0 && !closed) await noneAsked();
          if (closed) return;
          await resultOf(request.name, request.params, true).catch((error: unknown) => {
            // a guess the data do not hold (community c1 of a network without ties) is no fault
            if (isDomainError(error) && error.code === 'not_found') return;
            if (!closed) options.onWarmError?.(error);
          });
        }
      } finally {
        warmUpsRunning -= 1;
      }
    },
    progress(): AnalysisStoreProgress {
      const computing = [...entries.entries()].filter(([, e]) => !e.done).map(([key]) => key);
      return {
        computing,
        ready: entries.size - computing.length,
        computed,
        restored,
        lastSeconds,
      };
    },
    close: async () => {
      closed = true;
      for (const resume of whenNoneAsked) resume();
      whenNoneAsked = [];
      await Promise.all([runner.close(), warmRunner === runner ? undefined : warmRunner.close()]);
    },
  };
}

export type AnalysisStore = ReturnType<typeof createAnalysisStore>;
