/**
 * A wrong method on a path that exists answers 405 with `Allow` (RFC 9110), not 404. The paths and
 * methods come from the app's own routes (each entity's routes are its own, `/api/actors/:id`).
 * Pages outside `/api` are served for GET alone.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

interface RoutePattern {
  method: string;
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Hono path (`/api/actors/:id`, `/api/x/:id{[0-9]+}`) as a regular expression. */
function patternOf(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    const param = /^:(\w+)(?:\{(.+)\})?$/.exec(segment);
    if (!param) return escapeRegExp(segment);
    return param[2] !== undefined ? `(?:${param[2]})` : '[^/]+';
  });
  return new RegExp(`^${segments.join('/')}/?$`);
}

function allowHeader(methods: Set<string>): string {
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort().join(', ');
}

export function refuseWrongMethods(app: Hono): MiddlewareHandler {
  let patterns: RoutePattern[] | undefined;
  return async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const path = c.req.path;
    if (!(path === '/api' || path.startsWith('/api/'))) {
      if (method === 'GET') return next();
      return problem(
        405,
        'method_not_allowed',
        `${c.req.method} is not allowed on ${path}`,
        {},
        {
          allow: 'GET, HEAD',
        },
      );
    }
    // Routes are complete once the app serves requests; read them on the first one.
    patterns ??= app.routes
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const methods = new Set<string>();
    for (const route of patterns) if (route.pattern.test(path)) methods.add(route.method);
    if (methods.size === 0 || methods.has(method)) return next();
    return problem(
      405,
      'method_not_allowed',
      `${c.req.method} is not allowed on ${path}; use ${allowHeader(new Set(methods))}`,
      {},
      { allow: allowHeader(methods) },
    );
  };
}
