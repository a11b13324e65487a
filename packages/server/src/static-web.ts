import type { Hono } from 'hono';

/** Serves the built web app (packages/web/dist) at `/`. Filled in by the web work. */
export function registerWebApp(_app: Hono): void {}
