/**
 * A route of the HTTP API, written once: method, path (OpenAPI style, `{id}`), summary and tags,
 * zod schemas of its path parameters, query and body, and its answers per status. The server
 * registers its handler against it, the web calls it through the typed client and the OpenAPI
 * document is generated from it.
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One answer of a route: JSON described by a zod schema, a problem+json, or another media type. */
export interface ResponseContract {
  readonly description: string;
  /** The answer's JSON (absent for problems, which share the Problem component, and bodiless answers). */
  readonly schema?: z.ZodType;
  /** The name of the schema among the document's components (otherwise inlined). */
  readonly component?: string;
  /** The document's schema when the zod one says less (an answer not yet described in zod). */
  readonly documentAs?: Readonly<Record<string, unknown>>;
  /** Default `application/json` with a schema, `application/problem+json` without. */
  readonly contentType?: string;
  /** An answer without a body (204). */
  readonly empty?: true;
  /** Response headers the answer sets (`ETag`, `Location`), as the document describes them. */
  readonly headers?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A request header the route reads (`If-Match`). */
export interface HeaderContract {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly example?: string;
}

export interface RouteContract {
  readonly method: HttpMethod;
  /** The full path with OpenAPI parameters: `/api/web/actors/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodType;
  /** Descriptions of the query parameters, for the document. */
  readonly queryDescriptions?: Readonly<Record<string, string>>;
  /** Query parameters the document marks as required (zod refinements may require more). */
  readonly requiredQuery?: readonly string[];
  /** Query parameters whose values the document lists (the server's parser checks them). */
  readonly queryEnums?: Readonly<Record<string, readonly string[]>>;
  /** Descriptions of the path parameters (shared by every method of the path). */
  readonly paramDescriptions?: Readonly<Record<string, string>>;
  readonly headers?: readonly HeaderContract[];
  readonly body?: z.ZodType;
  /** The name of the body's schema among the document's components (otherwise inlined). */
  readonly bodyComponent?: string;
  /** The document's schema of the body when the zod one says less (or more) than the server reads. */
  readonly bodyDocumentAs?: Readonly<Record<string, unknown>>;
  /** The media types of the body (default `application/json`). */
  readonly bodyContentTypes?: readonly string[];
  /** Overrides the document's security (`[]`: no credentials read). */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

/** An answer without a body (204 No Content). */
export function emptyAnswer(description: string): ResponseContract {
  return { description, empty: true };
}

/** Keeps the literal types of a route (its method, path and schemas) for the server and the client. */
export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

/** A problem+json answer (RFC 9457; the document's Problem component). */
export function problemAnswer(description: string): ResponseContract {
  return { description };
}

type SchemaOf<R, K extends string> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? S
  : undefined;

/** The path parameters the handler receives (parsed). */
export type ParamsOf<R extends RouteContract> =
  SchemaOf<R, 'params'> extends z.ZodType ? z.output<SchemaOf<R, 'params'>> : Record<never, never>;
/** The query the handler receives (parsed, defaults applied). */
export type QueryOf<R extends RouteContract> =
  SchemaOf<R, 'query'> extends z.ZodType ? z.output<SchemaOf<R, 'query'>> : Record<never, never>;
/** The body the handler receives (parsed). */
export type BodyOf<R extends RouteContract> =
  SchemaOf<R, 'body'> extends z.ZodType ? z.output<SchemaOf<R, 'body'>> : undefined;

/** The statuses a route answers with a JSON schema below 300. */
type SuccessStatus<R extends RouteContract> = {
  [S in keyof R['responses']]: S extends 200 | 201 | 202
    ? R['responses'][S] extends { readonly schema: z.ZodType }
      ? S
      : never
    : never;
}[keyof R['responses']];

/** The JSON of the route's success answer (200, 201 or 202). */
export type AnswerOf<R extends RouteContract> = R['responses'][SuccessStatus<R>] extends {
  readonly schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : never;

/** A value and everything in it read-only (what a handler may answer with: JSON is only read). */
export type ReadonlyDeep<T> = T extends readonly (infer U)[]
  ? readonly ReadonlyDeep<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

/** A value of the query string as a caller gives it (empty, null and undefined are left out). */
export type QueryValue = string | number | null | undefined;

/**
 * What a caller may put in the query string: the parameter names of the query schema (required
 * ones stay required), each a string or a number; the server's zod checks the values.
 */
export type QueryInputOf<R extends RouteContract> =
  SchemaOf<R, 'query'> extends z.ZodType
    ? { [K in keyof z.input<SchemaOf<R, 'query'>>]: QueryValue }
    : Record<never, never>;

/** The names of the path parameters of an OpenAPI path: `/a/{id}/b/{key}` → `id` | `key`. */
export type PathParameterNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParameterNames<Rest>
  : never;
