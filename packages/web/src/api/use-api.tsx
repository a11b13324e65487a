import { useEffect, useState } from 'react';
import { urlOf, type Answer, type GetPath, type RequestArgs } from './api-client.ts';
import { fetchJson } from './client.ts';

export type ApiState<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'error'; error: string; data: T | undefined }
  | { status: 'ready'; data: T };

/** Loads a URL (null: nothing to load) and reloads when it changes; keeps the last data meanwhile. */
export function useApi<T>(url: string | null): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: undefined });
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    fetchJson<T>(url, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          status: 'error',
          error: error instanceof Error ? error.message : String(error),
          data: previous.data,
        }));
      },
    );
    return () => controller.abort();
  }, [url]);
  return state;
}

/**
 * Loads a GET route of the contract (request null: nothing to load), typed by the contract; the
 * path and the query's parameter names are checked by TypeScript.
 */
export function useGet<P extends GetPath>(
  path: P,
  ...[request]: RequestArgs<P, null>
): ApiState<Answer<P>> {
  const url = request === null ? null : urlOf(path, ...([request] as RequestArgs<P>));
  return useApi<Answer<P>>(url);
}
