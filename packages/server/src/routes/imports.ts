/**
 * Importing a file from the browser: upload and check in a dry run, read the check again,
 * confirm (all-or-nothing) or cancel. Who may import is asked before the body is read, the body
 * is read with its own limit (20 MiB, beyond the API's usual one), and nothing of it is logged.
 */
import type { Context, Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import { DomainError } from '#core/domain-error.ts';
import { canImport } from '#core/import-access.ts';
import {
  createUploadStore,
  MAX_UPLOAD_BYTES,
  type UploadStore,
} from '#services/import-export/browser-uploads.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { problem } from '../problem.ts';
import { registerRawRoute, registerRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

/** The path whose body is read here rather than under the API's general limit. */
export const UPLOAD_PATH = contract.uploadImport.path;
/** The same for a connector's file. */
export const CONNECTOR_UPLOAD_PATH = contract.uploadConnectorFile.path;

class TooLarge extends Error {}

/** The request's body, refused as soon as it passes `limit` bytes (whatever Content-Length says). */
async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const stream = c.req.raw.body;
  if (stream === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const tooLarge = () =>
  problem(413, 'payload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES} bytes`, {
    limit: MAX_UPLOAD_BYTES,
  });

export function registerImportRoutes(
  api: Hono<AppEnv>,
  services: ApiServices,
  uploads: UploadStore = createUploadStore(services.repos, { clock: services.clock }),
): UploadStore {
  setInterval(() => void uploads.sweep(), 60_000).unref();

  registerRawRoute(
    api,
    contract.uploadImport,
    async ({ query }, c) => {
      const principal = c.get('principal');
      const decision = canImport(principal, query.entity);
      if (!decision.allowed)
        throw new DomainError(
          principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
          decision.reason,
        );
      if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) return tooLarge();
      let body: Uint8Array;
      try {
        body = await readBody(c, MAX_UPLOAD_BYTES);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge();
        throw error;
      }
      const check = await uploads.check(principal, query.entity, {
        fileName: query.fileName,
        body,
        ...(query.format ? { format: query.format } : {}),
      });
      return c.json(check);
    },
    on,
  );

  registerRawRoute(
    api,
    contract.uploadConnectorFile,
    async ({ query }, c) => {
      const principal = c.get('principal');
      const decision = canImport(principal, 'actors');
      if (!decision.allowed)
        throw new DomainError(
          principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
          decision.reason,
        );
      if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) return tooLarge();
      let body: Uint8Array;
      try {
        body = await readBody(c, MAX_UPLOAD_BYTES);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge();
        throw error;
      }
      return c.json(
        await uploads.checkConnector(principal, query.source, { fileName: query.fileName, body }),
      );
    },
    on,
  );

  registerRoute(
    api,
    contract.getConnectorUpload,
    async ({ params }, c) => uploads.getConnector(c.get('principal'), params.id),
    on,
  );

  registerRoute(
    api,
    contract.getUpload,
    async ({ params }, c) => uploads.get(c.get('principal'), params.id),
    on,
  );

  registerRoute(
    api,
    contract.confirmUpload,
    async ({ params }, c) => uploads.confirm(c.get('principal'), params.id),
    on,
  );

  registerRoute(
    api,
    contract.recheckUpload,
    async ({ params }, c) => uploads.recheck(c.get('principal'), params.id),
    on,
  );

  registerRawRoute(
    api,
    contract.cancelUpload,
    async ({ params }, c) => {
      await uploads.cancel(c.get('principal'), params.id);
      return c.body(null, 204);
    },
    on,
  );
  return uploads;
}
