/**
 * Starts the real server in-process for browser tests and benchmarks. Uses `startServer` as is when
 * its app already carries the web routes; until the API work wires them in, composes the same
 * pieces around `createApp` (web data routes first, the API, then the built web app).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Repositories } from '#core/ports.ts';
import { createApp } from '#server/app.ts';
import { registerWebDataRoutes } from '#server/routes/web-data.ts';
import { registerWebApp } from '#server/static-web.ts';
import type { ServerConfigInput } from '#server/server-config.ts';
import { startServer, type RunningServer } from '#server/start-server.ts';

async function isComplete(url: string): Promise<boolean> {
  const [data, page] = await Promise.all([
    fetch(new URL('api/web/meta', url)),
    fetch(new URL('actors', url)),
  ]);
  const html = await page.text();
  await data.arrayBuffer();
  return data.ok && page.ok && html.includes('id="root"');
}

function composedApp(repos: Repositories): Hono {
  const api = createApp({ repos });
  const app = new Hono();
  registerWebDataRoutes(app, { repos });
  app.all('/api/*', (c) => api.fetch(c.req.raw));
  registerWebApp(app);
  app.all('*', (c) => api.fetch(c.req.raw));
  return app;
}

export async function startWebServer(
  repos: Repositories,
  config: ServerConfigInput = {},
): Promise<RunningServer & { composed: boolean }> {
  // Every browser of the suite signs in from this one address, as a whole office behind one
  // router would: the per-address sign-in bucket is sized for that.
  const real = await startServer({
    repos,
    port: 0,
    config: {
      rateLimits: { signInPerAddress: { capacity: 200, refillPerSecond: 1 } },
      ...config,
    },
  });
  if (await isComplete(real.url)) return { ...real, composed: false };
  await real.close();
  const app = composedApp(repos);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        resolve({
          url: `http://127.0.0.1:${info.port}/`,
          composed: true,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    );
    server.on('error', reject);
  });
}
