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
  if (!response.ok) throw await problemOf(response);
  return response.text();
}

export async function uploadForCheck(entity: string, file: File): Promise<UploadCheck> {
  const query = new URLSearchParams({ entity, fileName: file.name }).toString();
  const check: UploadCheck = JSON.parse(await postFile(`/api/uploads?${query}`, file));
  return check;
}

/** A connector's file: the dry run of `musubi connect SOURCE FILE`. */
export async function uploadConnectorFile(
  source: string,
  file: File,
): Promise<ConnectorUploadCheck> {
  const query = new URLSearchParams({ source, fileName: file.name }).toString();
  const check: ConnectorUploadCheck = JSON.parse(
    await postFile(`/api/connector-uploads?${query}`, file),
  );
  return check;
}

export const importApi = {
  get: (id: string) => api.get('/api/uploads/{id}', { params: { id } }),
  confirm: (id: string) => send('post', '/api/uploads/{id}/confirm', { params: { id } }),
  cancel: (id: string) => send('delete', '/api/uploads/{id}', { params: { id } }),
};
