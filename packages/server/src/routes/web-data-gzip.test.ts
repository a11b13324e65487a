import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { describe, expect, it } from 'vitest';
import { choosesGzip, createGzipKeeper, GZIP_KEPT_FROM_CHARS } from './web-data-gzip.ts';

describe('gzip kept per answer text', () => {
  it('chooses gzip exactly when the compress middleware would', async () => {
    const app = new Hono();
    app.use('*', compress());
    app.get('/', (c) => c.json({ text: 'x'.repeat(4096) }));
    const headers = [
      'gzip',
      'gzip, deflate, br, zstd',
      'deflate, gzip',
      'deflate',
      'br',
      'identity',
      '*',
      'gzip;q=0',
      'gzip;q=0.5, deflate;q=0.8',
      'gzip;q=0.8, deflate;q=0.5',
      'gzip;q=0.5, deflate',
      'deflate;q=0.5, *',
      'GZIP',
    ];
    for (const accepted of headers) {
      const response = await app.request('/', { headers: { 'accept-encoding': accepted } });
      const middlewareGzips = response.headers.get('content-encoding') === 'gzip';
      expect(choosesGzip(accepted), accepted).toBe(middlewareGzips);
    }
    expect(choosesGzip(undefined)).toBe(false);
  });

  it('gzips a text once while it stays the same, again when it changes, never a small one', async () => {
    const keeper = createGzipKeeper();
    const text = JSON.stringify({ ties: 'a'.repeat(GZIP_KEPT_FROM_CHARS) });
    const first = keeper.gzipped('/api/web/network', text);
    expect(first).toBeDefined();
    expect(keeper.gzipped('/api/web/network', `${text}`)).toBe(first);
    const changed = JSON.stringify({ ties: 'b'.repeat(GZIP_KEPT_FROM_CHARS) });
    const second = keeper.gzipped('/api/web/network', changed);
    expect(second).not.toBe(first);
    expect(keeper.gzipped('/api/web/meta', '{}')).toBeUndefined();
  });
});
