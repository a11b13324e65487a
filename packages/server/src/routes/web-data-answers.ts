/**
 * The web views' answers (`/api/web/*`) by name, each computed from the snapshot
 * (web-data-snapshot.ts). A server started on a database file or URL builds the snapshot and
 * computes the answers in a worker thread (`webDataTasks`, run by the analysis worker's entry), so
 * building it — seconds on the demo, reading every actor and tie, communities, layout, roles —
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

/** Answers the web views. */
export interface WebDataAnswers {
  answer<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<WebViewAnswer<V>>;
  /** The same answer as JSON text, made once and kept with the answer: the response body. */
  answerJson<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<string>;
  /** Builds the snapshot ahead of the first visitor. */
  warm(): Promise<void>;
}

function isWebViewName(name: string): name is WebViewName {
  return Object.hasOwn(WEB_VIEWS, name);
}

/** Answers kept per snapshot: at most this many (the whole network view is seconds to make). */
const MAX_KEPT_ANSWERS = 50;

/** An answer kept, and its JSON text once asked for. */
interface KeptAnswer {
  readonly answer: unknown;
  json?: string;
}

/**
 * The views' answers from a snapshot kept here, each answer (and its JSON text) kept while the
 * snapshot stays the same object (the snapshot cache gives a new one as soon as a table it reads
 * changed) and the day is the same (the summary counts projects active today).
 */
function createViewAnswerer(repos: Repositories, clock: Clock) {
  const cache = createSnapshotCache(repos, clock);
  let keptFor: WebSnapshot | undefined;
  const kept = new Map<string, KeptAnswer>();
  const keptAnswer = async <V extends WebViewName>(
    view: V,
    input: WebViewInput<V>,
  ): Promise<KeptAnswer> => {
    const snapshot = await cache.get();
    if (keptFor !== snapshot) {
      kept.clear();
      keptFor = snapshot;
    }
    const key = `${view} ${canonicalJson(input)} ${clock.now().toISOString().slice(0, 10)}`;
    const found = kept.get(key);
    if (found) return found;
    const made: KeptAnswer = { answer: VIEWS[view](snapshot, input, clock) };
    if (kept.size >= MAX_KEPT_ANSWERS) kept.delete(kept.keys().next().value ?? '');
    kept.set(key, made);
    return made;
  };
  return {
    snapshot: () => cache.get(),
    async answer<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<unknown> {
      return (await keptAnswer(view, input)).answer;
    },
    async answerJson<V extends WebViewName>(view: V, input: WebViewInput<V>): Promise<string> {
      const found = await keptAnswer(view, input);
      found.json ??= JSON.stringify(found.answer);
      return found.json;
    },
  };
}

/** The views computed in this thread, from a snapshot kept here. */
export function createWebDataAnswers(repos: Repositories, clock: Clock): WebDataAnswers {
  const answerer = createViewAnswerer(repos, clock);
  return {
    async answer<V extends WebViewName>(view: V, input: WebViewInput<V>) {
      // The answer was made by the view's own function: its type is the view's.
      return (await answerer.answer(view, input)) as WebViewAnswer<V>;
    },
    answerJson: (view, input) => answerer.answerJson(view, input),
    async warm() {
      await answerer.snapshot();
    },
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
      await runner.task(`${TASK_PREFIX}meta`, {}, clock.now());
    },
  };
}
