import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, problemAnswer } from '#contract/route.ts';
import { problemFromError } from './problem.ts';
import { honoPathOf, registerRoute } from './register-route.ts';

const rename = defineRoute({
  method: 'post',
  path: '/api/things/{id}/name',
  operationId: 'post-thing-name',
  summary: 'Rename a thing',
  tags: ['things'],
  params: z.object({ id: z.string().regex(/^t\d+$/, 'a thing id like t1') }),
  query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
  body: z.object({ name: z.string().min(1) }),
  responses: {
    201: { description: 'Renamed', schema: z.object({ id: z.string(), name: z.string() }) },
    422: problemAnswer('Not valid'),
  },
});

function appWith(): Hono {
  const api = new Hono();
  api.onError((error) => problemFromError(error));
  registerRoute(
    api,
    rename,
    ({ params, query, body }) => ({
      id: params.id,
      name: query.dryRun === 'true' ? `(dry) ${body.name}` : body.name,
    }),
    { mountedAt: '/api' },
  );
  const app = new Hono();
  app.route('/api', api);
  return app;
}

const post = (path: string, body: string, type = 'application/json') =>
  appWith().request(path, { method: 'POST', body, headers: { 'content-type': type } });

describe('registerRoute', () => {
  it('answers at the contract path with the parsed params, query and body', async () => {
    const response = await post('/api/things/t7/name?dryRun=true', '{"name":"Lamp"}');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 't7', name: '(dry) Lamp' });
  });

  it('refuses a bad path parameter, query or body with 422 naming the field', async () => {
    const cases: [string, string, string][] = [
      ['/api/things/x/name', '{"name":"Lamp"}', 'id'],
      ['/api/things/t1/name?dryRun=maybe', '{"name":"Lamp"}', 'dryRun'],
      ['/api/things/t1/name', '{"name":""}', 'name'],
    ];
    for (const [path, body, field] of cases) {
      const response = await post(path, body);
      expect(response.status, path).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { code: string; field: string; errors: unknown[] };
      expect(problem).toMatchObject({ code: 'validation_failed', field });
      expect(problem.errors.length).toBeGreaterThan(0);
    }
  });

  it('refuses a body that is not JSON with 400 and one of another type with 415', async () => {
    const broken = await post('/api/things/t1/name', '{"name":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'invalid_json', field: '(body)' });
    const text = await post('/api/things/t1/name', 'name=Lamp', 'text/plain');
    expect(text.status).toBe(415);
  });

  it('answers nothing at other methods or paths', async () => {
    expect((await appWith().request('/api/things/t1/name')).status).toBe(404);
    expect((await post('/api/things/t1', '{"name":"Lamp"}')).status).toBe(404);
  });

  it('types the handler by the contract (checked by tsc)', () => {
    const api = new Hono();
    // @ts-expect-error the answer lacks name and its id is not a string
    registerRoute(api, rename, () => ({ id: 1 }));
    // @ts-expect-error the body has no field title
    registerRoute(api, rename, ({ body }) => ({ id: 't1', name: body.title }));
    expect(api.routes.map((route) => route.path)).toEqual([
      '/api/things/:id/name',
      '/api/things/:id/name',
    ]);
  });

  it('turns OpenAPI paths into Hono paths below the mount point', () => {
    expect(honoPathOf('/api/web/actors/{id}', '/api/web')).toBe('/actors/:id');
    expect(honoPathOf('/api/a/{x}/b/{y}', '/api')).toBe('/a/:x/b/:y');
    expect(() => honoPathOf('/api/web/meta', '/other')).toThrow(/mount point/);
  });
});
