/**
 * Serves the built web app (packages/web/dist, made by `vite build`) at `/`: files as they are,
 * hashed assets cached for a year (immutable), index.html for app routes (history routing), and a
 * clear page when the build is missing. `/api/*` is never answered here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The command that builds the web app, shown when the build is missing. */
export const WEB_BUILD_COMMAND = 'npx vite build --config packages/web/vite.config.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.md',
]);

interface CachedFile {
  body: ArrayBuffer;
  gzip: ArrayBuffer | null;
  type: string;
  mtimeMs: number;
}

function missingBuildPage(distDir: string): string {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Musubi — web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.6">
<h1>Web アプリがビルドされていません / The web app is not built</h1>
<p>${distDir} に index.html がありません。リポジトリのルートで次を実行してください。<br>
There is no index.html in that folder. From the repository root, run:</p>
<pre style="background:#f3f3f3;padding:1rem">${WEB_BUILD_COMMAND}</pre>
<p>API は動いています: <a href="/api/health">/api/health</a></p>
</body></html>`;
}

/** Serves the built web app at `/`. Register after the API routes. */
export function registerWebApp(app: Hono, options: { distDir?: string } = {}): void {
  const distDir = normalize(options.distDir ?? DEFAULT_WEB_DIST);
  const root = distDir.endsWith(sep) ? distDir : distDir + sep;
  const cache = new Map<string, CachedFile>();

  const load = (path: string): CachedFile | undefined => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
    const ext = extname(path).toLowerCase();
    const body = readFileSync(path);
    const file: CachedFile = {
      body: new Uint8Array(body).buffer,
      gzip:
        COMPRESSIBLE.has(ext) && body.length > 1024 ? new Uint8Array(gzipSync(body)).buffer : null,
      type: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      mtimeMs: stat.mtimeMs,
    };
    cache.set(path, file);
    return file;
  };

  const send = (c: Context, file: CachedFile, cacheControl: string) => {
    const gzip = file.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': cacheControl,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    const body = gzip && file.gzip ? file.gzip : file.body;
    return new Response(c.req.method === 'HEAD' ? null : body, { status: 200, headers });
  };

  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(path).replace(/^\/+/, '');
    } catch {
      return next();
    }
    const target = normalize(join(root, relative));
    if (!target.startsWith(root) && target + sep !== root) return next();

    if (relative !== '' && relative !== 'index.html') {
      const file = load(target);
      if (file) {
        const immutable = relative.startsWith('assets/');
        return send(c, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
      // A missing file with an extension is a 404, not an app route.
      if (extname(relative) !== '') return next();
    }
    const index = load(join(root, 'index.html'));
    if (!index) {
      if (!existsSync(root) || !existsSync(join(root, 'index.html')))
        return c.html(missingBuildPage(root), 503, { 'cache-control': 'no-store' });
      return next();
    }
    return send(c, index, 'no-cache');
  });
}
