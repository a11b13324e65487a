/** Fetches JSON from the Musubi API; errors carry the problem+json detail when there is one. */
export class ApiError extends Error {
  readonly status: number;
  /** The input problems the answer names, field by field (`errors` of problem+json). */
  readonly problems: readonly FieldProblem[];
  constructor(status: number, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problems = problems;
  }
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** The `errors` of a problem+json body: each `{ field, reason }` with both texts. */
export function problemsOf(body: unknown): FieldProblem[] {
  if (!body || typeof body !== 'object' || !('errors' in body) || !Array.isArray(body.errors))
    return [];
  const problems: FieldProblem[] = [];
  const entries: unknown[] = body.errors;
  for (const entry of entries)
    if (
      entry &&
      typeof entry === 'object' &&
      'field' in entry &&
      'reason' in entry &&
      typeof entry.field === 'string' &&
      typeof entry.reason === 'string'
    )
      problems.push({ field: entry.field, reason: entry.reason });
  return problems;
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string')
        detail = body.detail;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, detail);
  }
  // JSON.parse rather than response.json(): the same typing under DOM and Node's fetch types.
  const body: T = JSON.parse(await response.text());
  return body;
}
