import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { registerWebApp, WEB_BUILD_COMMAND } from './static-web.ts';

function appWith(distDir: string): Hono {
  const app = new Hono();
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  registerWebApp(app, { distDir });
  app.notFound((c) => c.text('not found', 404));
  return app;
}

function builtDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-web-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'geo'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(
    join(dir, 'assets', 'index-abc123.js'),
    `console.log(${JSON.stringify('x'.repeat(4000))});`,
  );
  writeFileSync(join(dir, 'geo', 'prefectures.topojson.json'), '{"type":"Topology"}');
  return dir;
}

describe('registerWebApp', () => {
  const app = appWith(builtDist());

  it('answers app routes with index.html, not cached', async () => {
    for (const path of ['/', '/map', '/actors/co-1']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('id="root"');
    }
  });

  it('serves hashed assets as immutable, gzipped when asked', async () => {
    const response = await app.request('/assets/index-abc123.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toContain('javascript');
    const plain = await app.request('/geo/prefectures.topojson.json');
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('leaves /api and missing files to the rest of the app', async () => {
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/nothing')).status).toBe(404);
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the build', async () => {
    const response = await app.request('/..%2f..%2f..%2fetc%2fpasswd');
    expect(await response.text()).not.toContain('root:');
  });

  it('explains how to build when the build is missing', async () => {
    const missing = appWith(join(tmpdir(), 'musubi-no-such-dist'));
    const response = await missing.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain(WEB_BUILD_COMMAND);
  });
});
