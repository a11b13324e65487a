/** Fetches JSON from the Musubi API; errors carry the problem+json detail when there is one. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
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

/** A page of a generic entity list (`/api/<entity>`). */
export interface ListPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}
