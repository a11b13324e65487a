/**
 * The import routes (`/api/uploads…`, contract/routes/imports.ts): the file goes as the request's
 * body (not JSON), with the session cookie and the CSRF header; confirm and cancel through the
 * contract's typed client.
 */
import { CSRF_HEADER } from '#contract/session-names.ts';
import type { ConnectorUploadCheck, UploadCheck } from '#contract/routes/imports.ts';
import { api } from '../../api/api-client.ts';
import { csrfToken, problemOf, send } from '../../api/send-json.tsx';

export type { ConnectorUploadCheck, UploadCheck };

/** Why the server could tell no source from a file's content (the 415 answer's `unrecognised`). */
export const UNRECOGNISED_REASONS = ['empty', 'zip', 'binary', 'unknown'] as const;
export type UnrecognisedReason = (typeof UNRECOGNISED_REASONS)[number];

/** A connector's file whose content no source recognises. */
export class UnrecognisedFile extends Error {
  readonly reason: UnrecognisedReason;
  readonly fileName: string;
  constructor(fileName: string, reason: UnrecognisedReason, message: string) {
    super(message);
    this.name = 'UnrecognisedFile';
    this.fileName = fileName;
    this.reason = reason;
  }
}

async function unrecognisedOf(response: Response, fileName: string): Promise<Error | undefined> {
  if (response.status !== 415) return undefined;
  try {
    const body: unknown = await response.clone().json();
    if (!body || typeof body !== 'object' || !('unrecognised' in body)) return undefined;
    const reason = UNRECOGNISED_REASONS.find((r) => r === body.unrecognised);
    const detail = 'detail' in body && typeof body.detail === 'string' ? body.detail : '';
    return reason ? new UnrecognisedFile(fileName, reason, detail) : undefined;
  } catch {
    return undefined;
  }
}

async function postFile(url: string, file: File): Promise<string> {
  const token = csrfToken();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': file.type || 'application/octet-stream',
      ...(token ? { [CSRF_HEADER]: token } : {}),
    },
    body: file,
  });
  if (!response.ok)
    throw (await unrecognisedOf(response, file.name)) ?? (await problemOf(response));
  return response.text();
}

export async function uploadForCheck(entity: string, file: File): Promise<UploadCheck> {
  const query = new URLSearchParams({ entity, fileName: file.name }).toString();
  const check: UploadCheck = JSON.parse(await postFile(`/api/uploads?${query}`, file));
  return check;
}

/**
 * A connector's file: the dry run of `musubi connect SOURCE FILE`; without a source (null) the
 * server tells it from the content, or refuses it (`UnrecognisedFile`).
 */
export async function uploadConnectorFile(
  source: string | null,
  file: File,
): Promise<ConnectorUploadCheck> {
  const query = new URLSearchParams({
    ...(source !== null ? { source } : {}),
    fileName: file.name,
  }).toString();
  const check: ConnectorUploadCheck = JSON.parse(
    await postFile(`/api/connector-uploads?${query}`, file),
  );
  return check;
}

export const importApi = {
  get: (id: string) => api.get('/api/uploads/{id}', { params: { id } }),
  confirm: (id: string) => send('post', '/api/uploads/{id}/confirm', { params: { id } }),
  recheck: (id: string) => send('post', '/api/uploads/{id}/check', { params: { id } }),
  cancel: (id: string) => send('delete', '/api/uploads/{id}', { params: { id } }),
};
