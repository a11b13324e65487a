import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Clock, Repositories } from '#core/ports.ts';
import { createApp } from './app.ts';
import type { ServerConfigInput } from './server-config.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the app on loopback or a given host; port 0 picks a free port. */
export async function startServer(options: {
  repos: Repositories;
  port: number;
  host?: string;
  clock?: Clock;
  config?: ServerConfigInput;
  webDistDir?: string;
}): Promise<RunningServer> {
  const app = createApp({
    repos: options.repos,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: host },
      (info: AddressInfo) => {
        const shownHost = host === '0.0.0.0' ? 'localhost' : host;
        resolve({
          url: `http://${shownHost}:${info.port}/`,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    );
    server.on('error', reject);
  });
}
