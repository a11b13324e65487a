/**
 * Headers every answer carries (pages, assets and the API): a Content-Security-Policy that allows
 * only the app's own origin, no framing, no MIME sniffing, and no full referrer to other sites.
 *
 * The web app (a Vite build) loads its scripts, styles, workers and data from the same origin;
 * React and the charts set inline style attributes, the favicon is a `data:` URL and the network
 * view draws with WebGL (no extra source needed); canvases exported as images use `blob:`. Pages the
 * server writes (home, report) use inline `<style>` only; the API docs page runs one inline
 * script, allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

const DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

export function contentSecurityPolicy(extra: Record<string, string> = {}): string {
  return Object.entries({ ...DIRECTIVES, ...extra })
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The policy of an HTML page whose inline scripts (as written between the tags) may run. */
export function policyWithInlineScripts(html: string): string {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
  return contentSecurityPolicy({ 'script-src': ["'self'", ...hashes].join(' ') });
}

const HEADERS: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Pages the web app shows in a frame of its own (the region report): framed by the same origin only. */
const SAME_ORIGIN_FRAMED = new Set(['/api/reports/region']);

const FRAMED_HEADERS: Record<string, string> = {
  ...HEADERS,
  'content-security-policy': contentSecurityPolicy({ 'frame-ancestors': "'self'" }),
  'x-frame-options': 'SAMEORIGIN',
};

/** Adds the headers an answer does not set itself. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = SAME_ORIGIN_FRAMED.has(c.req.path) ? FRAMED_HEADERS : HEADERS;
    for (const [name, value] of Object.entries(headers))
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}
