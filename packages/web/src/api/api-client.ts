/**
 * The API as the contract describes it: a path of the contract, its path parameters and query
 * (names checked by TypeScript) → the URL, and the answer typed as the route's JSON. Types only
 * come from the contract, so no zod reaches the bundle; the server validates every input.
 */
import type { ContractRoute } from '#contract/contract.ts';
import type { z } from 'zod';
import type {
  AnswerOf,
  HttpMethod,
  PathParameterNames,
  QueryInputOf,
  QueryValue,
} from '#contract/route.ts';
import { fetchJson } from './client.ts';

type GetRoute = Extract<ContractRoute, { readonly method: 'get' }>;
/** The paths of the contract's GET routes (`/api/web/actors/{id}`). */
export type GetPath = GetRoute['path'];
type RouteAt<P extends GetPath> = Extract<GetRoute, { readonly path: P }>;

/** The answer of the GET route at `P`. */
export type Answer<P extends GetPath> = AnswerOf<RouteAt<P>>;

/** The methods that change something. */
export type ChangeMethod = Exclude<HttpMethod, 'get'>;
type ChangeRoute<M extends ChangeMethod> = Extract<ContractRoute, { readonly method: M }>;
/** The paths of the contract's routes of method `M`. */
export type ChangePath<M extends ChangeMethod> = ChangeRoute<M>['path'];
type ChangeRouteAt<M extends ChangeMethod, P extends string> = Extract<
  ContractRoute,
  { readonly method: M; readonly path: P }
>;

/** The answer of a change (POST, PUT, PATCH, DELETE) at a path of the contract. */
export type ChangeAnswer<M extends ChangeMethod, P extends string> = AnswerOf<ChangeRouteAt<M, P>>;

/** The body a caller sends to a route (the input side of its zod schema). */
export type BodyInputOf<R> = R extends { readonly body: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;

/**
 * A change: path parameters (when the path has any), the body (when the route takes one) and the
 * ETag read before, for routes that need If-Match.
 */
export type ChangeRequest<M extends ChangeMethod, P extends string> = ([
  PathParameterNames<P>,
] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: Readonly<Record<PathParameterNames<P>, string>> }) &
  (BodyInputOf<ChangeRouteAt<M, P>> extends undefined
    ? { readonly body?: undefined }
    : { readonly body: BodyInputOf<ChangeRouteAt<M, P>> }) & {
    /** The version read (a number or the ETag as given), sent as If-Match. */
    readonly ifMatch?: number | string;
  };

/** The request argument of a change: optional when it needs neither parameters nor a body. */
export type ChangeArgs<M extends ChangeMethod, P extends string> =
  Record<never, never> extends ChangeRequest<M, P>
    ? [request?: ChangeRequest<M, P>]
    : [request: ChangeRequest<M, P>];

/** What a change sends: method, URL (parameters filled in), JSON body and If-Match. */
export interface ChangeCall {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** A change request with its types left to the caller (see `changeOf`). */
export interface ChangeRequestOf {
  readonly params?: Readonly<Record<string, string>> | undefined;
  readonly body?: unknown;
  readonly ifMatch?: number | string | undefined;
}

/** The request of a change, once its types are checked (by `changeOf` or `send`). */
export function changeCallOf(
  method: ChangeMethod,
  path: string,
  request: ChangeRequestOf = {},
): ChangeCall {
  const version = request.ifMatch;
  return {
    method: method.toUpperCase() as ChangeCall['method'],
    url: fillPath(path, request.params ?? {}),
    body: request.body,
    // A version number becomes the ETag `"3"`; an ETag given as read is sent as it is.
    headers:
      version === undefined
        ? {}
        : { 'If-Match': typeof version === 'number' ? `"${version}"` : version },
  };
}

/** The request of a change to a route of the contract (`send` in send-json.tsx sends it). */
export function changeOf<M extends ChangeMethod, P extends ChangePath<M>>(
  method: M,
  path: P,
  ...[request]: ChangeArgs<M, P>
): ChangeCall {
  return changeCallOf(method, path, request as ChangeRequestOf | undefined);
}

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

/** The path with its parameters filled in (encoded). */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

/** The URL of a request: path parameters filled in (encoded), empty query values left out. */
export function urlOf<P extends GetPath>(path: P, ...[request]: RequestArgs<P>): string {
  const filled = fillPath(path, request?.params ?? {});
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
