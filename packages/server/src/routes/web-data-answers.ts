/**
 * The web views' answers (`/api/web/*`) by name, each computed from the snapshot
 * (web-data-snapshot.ts). A server started on a database file or URL builds the snapshot and
 * computes the answers in a worker thread (`webDataTasks`, run by the analysis worker's entry), so
 * building it — the actors and the compact network read, communities, layout, roles —
 * never holds the server's event loop. An answer crosses the thread as JSON text, made once per
 * snapshot, parameters and day and sent by the server as the response body unchanged (the network
 * view, 40,000 ties on the demo, was cloned across and serialised again per request). Without a
 * location (an in-memory database, tests) they are computed in process.
 */
import type { z } from 'zod';
import type { Clock, Repositories } from '#core/ports.ts';
import type { ZDirectoryQuery, ZNetworkQuery } from '#contract/routes/web-data.ts';
import { canonicalJson } from '#services/analysis-store/analysis-store.ts';
import type { WorkerAnalysisRunner, WorkerTasks } from '#services/analysis-store/worker-runner.ts';
import { directory, profile } from './web-data-actors.ts';
import { choropleth, meta, municipalityChoropleth } from './web-data-maps.ts';
import { createSnapshotCache, type WebSnapshot } from './web-data-snapshot.ts';
import { network, summary } from './web-data-views.ts';

/** Every view: what it is asked with, and how its answer is made from the snapshot. */
export const WEB_VIEWS = {
  meta: (s: WebSnapshot) => meta(s),
  communities: (s: WebSnapshot) => s.communities,
  summary: (s: WebSnapshot, q: { prefecture?: string; community?: string }, clock: Clock) =>
    summary(s, q, clock),
  choropleth: (s: WebSnapshot, q: { metric: string; year?: number | 'all' }) =>
    choropleth(s, q.metric, q.year),
  municipalityChoropleth: (s: WebSnapshot, q: { prefecture: string; metric: string }) =>
    municipalityChoropleth(s, q.prefecture, q.metric),
  network: (s: WebSnapshot, q: z.output<typeof ZNetworkQuery>) => network(s, q),
  actors: (s: WebSnapshot, q: z.output<typeof ZDirectoryQuery>, clock: Clock) =>
    directory(s, q, clock.now().toISOString().slice(0, 10)),
  profile: (s: WebSnapshot, q: { id: string }) => profile(s, q.id),
} as const;

export type WebViewName = keyof typeof WEB_VIEWS;
type Views = {
  [V in WebViewName]: (
    s: WebSnapshot,
    q: WebViewInput<V>,
    clock: Clock,
  ) => ReturnType<(typeof WEB_VIEWS)[V]>;
};
export type WebViewInput<V extends WebViewName> = Parameters<
  (typeof WEB_VIEWS)[V]
>[1] extends undefined
  ? Record<string, never>
  : Parameters<(typeof WEB_VIEWS)[V]>[1];
export type WebViewAnswer<V extends WebViewName> = ReturnType<(typeof WEB_VIEWS)[V]>;
const VIEWS = WEB_VIEWS as unknown as Views;

/** The answer of `view` to `input`, made from `snapshot`. */
export function answerView<V extends WebViewName>(
  snapshot: WebSnapshot,
  view: V,
  input: WebViewInput<V>,
  clock: Clock,
): WebViewAnswer<V> {
  return VIEWS[view](snapshot, input, clock);
}

/**
 * What the web asks first, in its order: the home page (its meta, communities and summary), then
 * the network page with the parameters it sends (`maxEdges=40000`, as its query is parsed).
 */
const FIRST_ASKED_VIEWS = [
  { view: 'meta', input: {} },
  { view: 'communities', input: {} },
  { view: 'summary', input: {} },
  { view: 'network', input: { maxEdges: 40_000, isolated: 'true', maxNodes: 50_000 } },
] as const satisfies readonly { view: WebViewName; input: unknown }[];

/** Answers the web views. */
export interface WebDataAnswers {
  answer<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<WebViewAnswer<V>>;
  /** The same answer as JSON text, made once and kept with the answer: the response body. */
  answerJson<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<string>;
  /**
   * Makes the answers the web asks first ahead of the first visitor (read back from the database
   * when an earlier run kept them for the same data, else from the snapshot, built here).
   */
  warm(): Promise<void>;
}

function isWebViewName(name: string): name is WebViewName {
  return Object.hasOwn(WEB_VIEWS, name);
}

/** Answers kept in memory: at most this many (the whole network view is seconds to make). */
const MAX_KEPT_ANSWERS = 50;

/**
 * Views whose answers are also kept in the database (`analysis_results`), so a server started again
 * on the same data answers them without building the snapshot. Not the directory: its free-text
 * queries would keep a row per search.
 */
const KEPT_VIEWS: ReadonlySet<WebViewName> = new Set([
  'meta',
  'communities',
  'summary',
  'choropleth',
  'municipalityChoropleth',
  'network',
  'profile',
]);

/** An answer kept: made from a snapshot, or its JSON text read back from the database. */
interface KeptAnswer {
  answer?: unknown;
  json?: string;
}

/** What the views' answerer did since it was made (for tests and progress). */
export interface WebViewProgress {
  /** Network parts of the snapshot started (each reads the whole network). */
  snapshotBuilds: number;
  /** Answers read back from the database, kept there by an earlier run on the same data. */
  restored: number;
}

/**
 * The views' answers from a snapshot kept here. Each answer (and its JSON text) is kept under the
 * key of the data it was made from (the snapshot's: the data versions of the tables it reads and
 * the latest communities run) and the day (the summary counts projects active today): in memory,
 * and for the views of KEPT_VIEWS in the database too, so a restart on unchanged data answers
 * them at once without building the snapshot; any write to a table the snapshot reads changes
 * the key, and the answer is made again from a fresh snapshot.
 */
function createViewAnswerer(repos: Repositories, clock: Clock) {
  const cache = createSnapshotCache(repos, clock);
  const kept = new Map<string, KeptAnswer>();
  let restored = 0;
  /** The data key whose first-asked and recently asked answers were made (or are being made). */
  let refreshedFor: string | undefined;
  let refreshed: Promise<void> = Promise.resolve();
  /** The views of KEPT_VIEWS asked lately, with their inputs (at most MAX_KEPT_ANSWERS). */
  const recentlyAsked = new Map<string, { view: WebViewName; input: unknown }>();
  const keep = (key: string, answer: KeptAnswer) => {
    kept.delete(key);
    if (kept.size >= MAX_KEPT_ANSWERS) kept.delete(kept.keys().next().value ?? '');
    kept.set(key, answer);
  };
  const keptAnswer = async <V extends WebViewName>(
    view: V,
    input: WebViewInput<V>,
  ): Promise<KeptAnswer> => {
    const asked = `${view} ${canonicalJson(input)}`;
    const day = clock.now().toISOString().slice(0, 10);
    const stored = KEPT_VIEWS.has(view);
    const fingerprintOf = (dataKey: string) => `${dataKey} ${day}`;
    if (stored) {
      recentlyAsked.delete(asked);
      if (recentlyAsked.size >= MAX_KEPT_ANSWERS)
        recentlyAsked.delete(recentlyAsked.keys().next().value ?? '');
      recentlyAsked.set(asked, { view, input });
    }
    const now = fingerprintOf(await cache.currentKey());
    const inMemory = kept.get(`${now} ${asked}`);
    if (inMemory) return inMemory;
    if (stored) {
      // A database that cannot be read now only costs making the answer.
      const text = await repos.analysisResults.read(`web ${asked}`, now).catch(() => undefined);
      if (text !== undefined) {
        restored += 1;
        const found: KeptAnswer = { json: text };
        keep(`${now} ${asked}`, found);
        return found;
      }
    }
    const { snapshot, key } = await cache.keyed();
    const fingerprint = fingerprintOf(key);
    const found = kept.get(`${fingerprint} ${asked}`);
    if (found) return found;
    const made: KeptAnswer = { answer: answerView(snapshot, view, input, clock) };
    keep(`${fingerprint} ${asked}`, made);
    if (stored) {
      made.json = JSON.stringify(made.answer);
      // Not kept (the database busy with an import, say): made again after the next restart.
      await repos.analysisResults
        .write(`web ${asked}`, fingerprint, made.json, clock.now().toISOString())
        .catch(() => undefined);
    }
    if (stored && refreshedFor !== key) {
      // New data: the answers the web asks first and those asked lately are made and kept for
      // them too (quick from the snapshot just built), so the next start finds them all, not only
      // the one asked after the write.
      refreshedFor = key;
      const again = [...FIRST_ASKED_VIEWS, ...recentlyAsked.values()];
      refreshed = refreshed.then(async () => {
        for (const other of again)
          await keptAnswer(other.view, other.input as WebViewInput<typeof other.view>).catch(
            () => undefined,
          );
      });
    }
    return made;
  };
  return {
    async answer<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<unknown> {
      const found = await keptAnswer(view, input);
      found.answer ??= JSON.parse(found.json ?? 'null') as unknown;
      return found.answer;
    },
    async answerJson<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<string> {
      const found = await keptAnswer(view, input);
      found.json ??= JSON.stringify(found.answer);
      return found.json;
    },
    progress: (): WebViewProgress => ({ snapshotBuilds: cache.builds(), restored }),
    /** Settles once the answers made again for the latest data seen here are kept. */
    answersKept: () => refreshed,
  };
}

/** The views computed in this thread, from a snapshot kept here. */
export function createWebDataAnswers(
  repos: Repositories,
  clock: Clock,
): WebDataAnswers & { progress(): WebViewProgress; answersKept(): Promise<void> } {
  const answerer = createViewAnswerer(repos, clock);
  return {
    async answer<V extends WebViewName>(view: V, input: WebViewInput<V>) {
      // The answer was made by the view's own function: its type is the view's.
      return (await answerer.answer(view, input)) as WebViewAnswer<V>;
    },
    answerJson: (view, input) => answerer.answerJson(view, input),
    async warm() {
      for (const { view, input } of FIRST_ASKED_VIEWS) await answerer.answerJson(view, input);
    },
    progress: () => answerer.progress(),
    answersKept: () => answerer.answersKept(),
  };
}

/** Task names of the views in a worker: `web:summary`, `web:network`… */
const TASK_PREFIX = 'web:';

/**
 * The worker's side: one task per view, answered as JSON text from a snapshot the worker keeps
 * (a string crosses the thread as one copy; the answer's objects would be cloned one by one).
 */
export function webDataTasks(repos: Repositories): WorkerTasks {
  let now = new Date();
  const clock: Clock = { now: () => now };
  const answerer = createViewAnswerer(repos, clock);
  const tasks: Record<string, (params: unknown, at: Date) => Promise<unknown>> = {};
  for (const view of Object.keys(WEB_VIEWS)) {
    if (!isWebViewName(view)) continue;
    tasks[`${TASK_PREFIX}${view}`] = (params, at) => {
      now = at;
      // The input was checked at the HTTP edge of the server's thread that sent it.
      return answerer.answerJson(view, params as WebViewInput<typeof view>);
    };
  }
  return tasks;
}

/** The server's side: the views asked of a worker started with `webDataTasks`. */
export function workerWebDataAnswers(runner: WorkerAnalysisRunner, clock: Clock): WebDataAnswers {
  const answerJson = async <V extends WebViewName>(view: V, input: WebViewInput<V>) => {
    const text = await runner.task(`${TASK_PREFIX}${view}`, input, clock.now());
    if (typeof text !== 'string')
      throw new Error(`the web views' worker answered ${view} without JSON text`);
    return text;
  };
  return {
    async answer<V extends WebViewName>(view: V, input: WebViewInput<V>) {
      // The text is the JSON of what the view's function returned: its type is the view's.
      return JSON.parse(await answerJson(view, input)) as WebViewAnswer<V>;
    },
    answerJson,
    async warm() {
      for (const { view, input } of FIRST_ASKED_VIEWS) await answerJson(view, input);
    },
  };
}
