/**
 * The record routes the forms use (`/api/<entity>`, `/api/<entity>/{id}`),
 * in one module so they move to the contract's typed client in one place. Reads give the ETag
 * (the record's version); changes send it back as If-Match.
 */
import { ApiError } from '../../api/client.ts';
import { CSRF_HEADER } from '#contract/session-names.ts';
import { csrfToken, problemOf, sendJson } from '../../api/send-json.tsx';
import { dependentsIn, type Dependent } from './still-used.ts';

export type FormEntity =
  | 'needs'
  | 'seeds'
  | 'actors'
  | 'projects'
  | 'relations'
  | 'adoptions'
  | 'funding'
  | 'support-measures'
  | 'region-strategies'
  | 'training-programmes'
  | 'programmes'
  | 'cases'
  | 'indicators';

export interface Loaded {
  record: Record<string, unknown>;
  etag: string | null;
}

function pathOf(entity: FormEntity, id?: string): string {
  return id === undefined ? `/api/${entity}` : `/api/${entity}/${encodeURIComponent(id)}`;
}

/** One record with its ETag (404 also for a need the viewer may not see). */
export async function loadRecord(
  entity: FormEntity,
  id: string,
  signal?: AbortSignal,
): Promise<Loaded> {
  const response = await fetch(pathOf(entity, id), {
    headers: { accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
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
  const record: Record<string, unknown> = JSON.parse(await response.text());
  return { record, etag: response.headers.get('etag') };
}

export async function createRecord(
  entity: FormEntity,
  record: Record<string, unknown>,
): Promise<Loaded> {
  const { data, etag } = await sendJson<Record<string, unknown>>('POST', pathOf(entity), record);
  return { record: data ?? record, etag };
}

/** A JSON Merge Patch under If-Match: 412 when someone else saved in between (never overwritten). */
export async function patchRecord(
  entity: FormEntity,
  id: string,
  patch: Record<string, unknown>,
  etag: string | null,
): Promise<Loaded> {
  const { data, etag: next } = await sendJson<Record<string, unknown>>(
    'PATCH',
    pathOf(entity, id),
    patch,
    etag === null ? {} : { 'if-match': etag },
  );
  return { record: data ?? patch, etag: next };
}

/** A delete refused because other records still use the record (409), with what uses it. */
export class StillUsedError extends ApiError {
  readonly dependents: readonly Dependent[];
  constructor(message: string, dependents: readonly Dependent[]) {
    super(409, message);
    this.name = 'StillUsedError';
    this.dependents = dependents;
  }
}

/**
 * Deletes a record under If-Match: 412 when someone else saved it in between (nothing deleted);
 * a `StillUsedError` naming what uses it when other records still do.
 */
export async function deleteRecord(
  entity: FormEntity,
  id: string,
  etag: string | null,
): Promise<void> {
  const token = csrfToken();
  const response = await fetch(pathOf(entity, id), {
    method: 'DELETE',
    headers: {
      accept: 'application/json',
      ...(token ? { [CSRF_HEADER]: token } : {}),
      ...(etag === null ? {} : { 'if-match': etag }),
    },
  });
  if (response.ok) return;
  const copy = response.clone();
  const problem = await problemOf(response);
  const dependents =
    response.status === 409 ? dependentsIn(await copy.json().catch(() => null)) : [];
  throw dependents.length > 0 ? new StillUsedError(problem.message, dependents) : problem;
}

/**
 * Moves a relation to a new identity (type, start date, source or target) in one request under
 * the old one's If-Match: the old one removed and the new one stored together, or neither.
 */
export async function rekeyRelation(
  key: string,
  relation: Record<string, unknown>,
  etag: string | null,
): Promise<Loaded> {
  const { data, etag: next } = await sendJson<Record<string, unknown>>(
    'POST',
    `${pathOf('relations', key)}/rekey`,
    relation,
    etag === null ? {} : { 'if-match': etag },
  );
  return { record: data ?? relation, etag: next };
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}
