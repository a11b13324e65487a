/**
 * Changes through the API: JSON bodies, the session cookie and the CSRF header (a .tsx file:
 * it reads `document`, which only the web app's type settings know).
 */
import { CSRF_COOKIE, CSRF_HEADER } from '#contract/session-names.ts';
import {
  changeCallOf,
  type ChangeAnswer,
  type ChangeRequestOf,
  type ChangeArgs,
  type ChangeMethod,
  type ChangePath,
} from './api-client.ts';
import { ApiError, problemsOf, type FieldProblem } from './client.ts';

/** The CSRF token the server set at sign-in (a readable cookie); repeated on every change. */
export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The problem+json of a failed response, as an ApiError (with the field it names). */
export async function problemOf(response: Response): Promise<ApiError> {
  let detail = `${response.status} ${response.statusText}`;
  let problems: FieldProblem[] = [];
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string')
      detail = body.detail;
    problems = problemsOf(body);
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, detail, problems);
}

/** A change (POST, PUT, DELETE) with a JSON body, the session cookie and the CSRF header. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T | undefined; etag: string | null }> {
  const token = csrfToken();
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { [CSRF_HEADER]: token } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw await problemOf(response);
  const text = await response.text();
  const data: T | undefined = text === '' ? undefined : JSON.parse(text);
  return { data, etag: response.headers.get('etag') };
}

/**
 * A change through a route of the contract: the path, its parameters and the body are checked by
 * TypeScript against the contract, the answer is typed as the route's JSON (undefined for 204).
 * The session cookie, the CSRF header and If-Match (when `ifMatch` is given) go with it.
 */
export async function send<M extends ChangeMethod, P extends ChangePath<M>>(
  method: M,
  path: P,
  ...[request]: ChangeArgs<M, P>
): Promise<{ data: ChangeAnswer<M, P> | undefined; etag: string | null }> {
  const call = changeCallOf(method, path, request as ChangeRequestOf | undefined);
  return sendJson<ChangeAnswer<M, P>>(call.method, call.url, call.body, call.headers);
}
