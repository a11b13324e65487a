/**
 * Changes through the API: JSON bodies, the session cookie and the CSRF header (a .tsx file:
 * it reads `document`, which only the web app's type settings know).
 */
import { ApiError, problemsOf, type FieldProblem } from './client.ts';

const CSRF_COOKIE = 'musubi_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

/** The CSRF token the server set at sign-in (a readable cookie); repeated on every change. */
function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The problem+json of a failed response, as an ApiError (with the field it names). */
async function problemOf(response: Response): Promise<ApiError> {
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
