/**
 * Large web views' answers gzipped once per answer text, not per request: the network view on the
 * demo is 2 MB of JSON, and gzipping it took most of its warm request (0.25 of 0.31 s). The
 * compressed bytes are kept per request URL while the text the views answer stays the same; the
 * response carries the headers the compress middleware would have set (`Content-Encoding: gzip`,
 * `Vary: Accept-Encoding`), and the middleware leaves it alone. A client that would not get gzip
 * from the middleware gets the text as before.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipText = promisify(gzip);

/** Answers shorter than this are gzipped per request by the middleware (cheap enough). */
export const GZIP_KEPT_FROM_CHARS = 32 * 1024;
/** Compressed answers kept at most (the network view with its usual parameters, a few others). */
const MAX_KEPT = 8;

function qualityOf(accepted: string, encoding: string): number {
  let wildcard = 0;
  for (const part of accepted.split(',')) {
    const [name = '', ...options] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = options.find((o) => o.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    const value = Number.isFinite(quality) ? quality : 0;
    if (name === encoding) return value;
    if (name === '*') wildcard = value;
  }
  return wildcard;
}

/** True when Hono's compress middleware would choose gzip for this Accept-Encoding. */
export function choosesGzip(accepted: string | undefined): boolean {
  if (accepted === undefined) return false;
  const gzipQ = qualityOf(accepted, 'gzip');
  const deflateQ = qualityOf(accepted, 'deflate');
  return gzipQ === 1 || (gzipQ > 0 && deflateQ !== 1 && deflateQ <= gzipQ);
}

/** Keeps the gzip of each large answer text by request URL while the text stays the same. */
export function createGzipKeeper() {
  const kept = new Map<string, { text: string; gzipped: Promise<Buffer> }>();
  return {
    /** The gzipped text, or undefined when the text is small enough to leave to the middleware. */
    gzipped(url: string, text: string): Promise<Buffer> | undefined {
      if (text.length < GZIP_KEPT_FROM_CHARS) return undefined;
      const found = kept.get(url);
      if (found?.text === text) return found.gzipped;
      const gzipped = gzipText(text);
      kept.delete(url);
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value ?? '');
      kept.set(url, { text, gzipped });
      // A failure is the caller's to see; the next request tries again.
      gzipped.catch(() => {
        if (kept.get(url)?.gzipped === gzipped) kept.delete(url);
      });
      return gzipped;
    },
  };
}
