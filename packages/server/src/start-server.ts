import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { createApp } from './app.ts';
import type { ServerConfigInput } from './server-config.ts';
import { createWorkflowServices } from './workflow-services.ts';

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
  // The matching index is built (or restored) in the background so the first search is quick.
  const workflow = createWorkflowServices(options.repos, options.clock ?? systemClock);
  workflow.warm().catch((error: unknown) => {
    console.error('musubi: the matching index could not start', error);
  });
  const app = createApp({
    repos: options.repos,
    workflow,
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
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            await workflow.close();
          },
        });
      },
    );
    server.on('error', reject);
  });
}
