/**
 * The API as the contract describes it: a path of the contract, its path parameters and query
 * (names checked by TypeScript) → the URL, and the answer typed as the route's JSON. Types only
 * come from the contract, so no zod reaches the bundle; the server validates every input.
 */
import type { ContractRoute } from '#contract/contract.ts';
import type { AnswerOf, PathParameterNames, QueryInputOf, QueryValue } from '#contract/route.ts';
import { fetchJson } from './client.ts';
import type {
  WebCaseFactors,
  WebContinuation,
  WebGapFill,
  WebPortfolio,
  WebProjectHealth,
  WebSupportFit,
} from './programme-types.ts';

type GetRoute = Extract<ContractRoute, { readonly method: 'get' }>;
/** The paths of the contract's GET routes (`/api/web/actors/{id}`). */
export type GetPath = GetRoute['path'];
type RouteAt<P extends GetPath> = Extract<GetRoute, { readonly path: P }>;

/**
 * Answers the contract documents only as JSON objects so far: typed by the server's analyses
 * until their zod is in the contract.
 */
interface AnalysisAnswers {
  '/api/analyses/gap-fill': WebGapFill;
  '/api/analyses/continuation': WebContinuation;
  '/api/portfolio/projects': WebPortfolio;
  '/api/portfolio/projects/{id}/health': WebProjectHealth;
  '/api/support/fit': WebSupportFit;
  '/api/case-library/factors': WebCaseFactors;
}

/** The answer of the GET route at `P`. */
export type Answer<P extends GetPath> = P extends keyof AnalysisAnswers
  ? AnalysisAnswers[P]
  : AnswerOf<RouteAt<P>>;

/** The answer of a change (POST, PUT, PATCH, DELETE) at a path of the contract. */
export type ChangeAnswer<
  M extends Exclude<ContractRoute['method'], 'get'>,
  P extends Extract<ContractRoute, { readonly method: M }>['path'],
> = AnswerOf<Extract<ContractRoute, { readonly method: M; readonly path: P }>>;

/** Path parameters (when the path has any) and the query of a request to `P`. */
export type RequestOf<P extends GetPath> = ([PathParameterNames<P>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: Readonly<Record<PathParameterNames<P>, string>> }) & {
  readonly query?: QueryInputOf<RouteAt<P>>;
};

/** The request argument: optional when the path has no parameters. */
export type RequestArgs<P extends GetPath, Extra = never> = [PathParameterNames<P>] extends [never]
  ? [request?: RequestOf<P> | Extra]
  : [request: RequestOf<P> | Extra];

/** The URL of a request: path parameters filled in (encoded), empty query values left out. */
export function urlOf<P extends GetPath>(path: P, ...[request]: RequestArgs<P>): string {
  const params: Readonly<Record<string, string>> = request?.params ?? {};
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  const query: object = request?.query ?? {};
  for (const [key, value] of Object.entries(query as Readonly<Record<string, QueryValue>>))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

export const api = {
  /** GET a route of the contract; the answer is typed as the route's JSON. */
  get<P extends GetPath>(
    path: P,
    request: RequestArgs<P>[0],
    signal?: AbortSignal,
  ): Promise<Answer<P>> {
    return fetchJson<Answer<P>>(urlOf(path, ...([request] as RequestArgs<P>)), signal);
  },
};
