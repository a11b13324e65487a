import type { Hono } from 'hono';
import type { Repositories } from '#core/ports.ts';

/** Data endpoints shaped for the web app's views (map choropleths, network view). Filled in by the web work. */
export function registerWebDataRoutes(_app: Hono, _deps: { repos: Repositories }): void {}
