import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '#core/entities/registry.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from './api-test-fixture.ts';

type Json = Record<string, unknown>;

function collectRefs(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') out.add(inner);
      else collectRefs(inner, out);
    }
  }
  return out;
}

describe.each(TEST_DATABASES)('app on $name', (kind) => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  it('answers /api/health with 200, and 503 when the database does not answer', async () => {
    f = await createApiFixture(kind);
    const up = await f.call('/api/health');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok' });
    await f.database.close();
    const down = await f.call('/api/health');
    expect(down.status).toBe(503);
    f.close = async () => undefined;
  });

  it('answers unknown routes and unexpected errors with problem+json', async () => {
    f = await createApiFixture(kind);
    const body = await expectProblem(await f.call('/api/actors/co-a/whatever'), 404, 'not_found');
    expect(body['type']).toBe('https://musubi.dev/problems/not-found');
  });

  it('describes every API route in an OpenAPI 3.1 document built from the schemas', async () => {
    f = await createApiFixture(kind);
    const response = await f.call('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      info: Json;
      paths: Record<string, Record<string, Json>>;
      components: { schemas: Record<string, Json>; securitySchemes: Json };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info['title']).toBe('Musubi API');
    // Every route of the app under /api is listed with its method.
    for (const route of f.app.routes) {
      if (!route.path.startsWith('/api/') || route.path.includes('*') || route.method === 'ALL')
        continue;
      const path = route.path
        .replace(/^\/api\/:entity/, '/api/actors')
        .replace(/:id\b/, '{id}')
        .replace(/:([A-Za-z]+)/g, '{$1}')
        .replace(
          '/api/needs/{id}/assignments/{accountId}',
          '/api/needs/{id}/assignments/{accountId}',
        );
      const item = doc.paths[path] ?? doc.paths[path.replace('{tokenId}', '{id}')];
      const alt = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')];
      expect(item ?? alt, `${route.method} ${route.path}`).toBeDefined();
      expect(
        (item ?? alt)?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    for (const entity of ENTITY_NAMES) {
      expect(Object.keys(doc.paths[`/api/${entity}`] ?? {})).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/api/${entity}/{id}`] ?? {}).sort()).toEqual([
        'delete',
        'get',
        'parameters',
        'patch',
        'put',
      ]);
    }
    for (const path of [
      '/api/health',
      '/api/openapi.json',
      '/api/docs',
      '/api/auth/sign-in',
      '/api/audit',
      '/api/stats',
    ])
      expect(doc.paths[path], path).toBeDefined();
    // Schemas come from the zod entity schemas, with required fields and enums.
    const need = doc.components.schemas['NeedInput'];
    expect(need?.['required']).toEqual(['id', 'title']);
    expect(JSON.stringify(need)).toContain('"confidential"');
    expect(doc.components.schemas['Actor']).toBeDefined();
    expect(doc.components.schemas['Problem']).toBeDefined();
    // Every reference resolves and every operation has responses and a unique id.
    for (const ref of collectRefs(doc, new Set())) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
    const operationIds = new Set<string>();
    for (const item of Object.values(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        expect(op['responses'], method).toBeDefined();
        const id = String(op['operationId']);
        expect(operationIds.has(id), id).toBe(false);
        operationIds.add(id);
      }
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['sessionCookie', 'bearerToken']);
  });

  it('serves interactive docs as one self-contained page', async () => {
    f = await createApiFixture(kind);
    const response = await f.call('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('shows the plain overview at /about (and at / without the web build), counting public needs only', async () => {
    f = await createApiFixture(kind);
    for (const path of ['/about', '/']) {
      const response = await f.call(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain('Musubi');
      expect(html).toMatch(/needs<\/small><\/th><td>1</);
    }
  });

  it('counts in /api/stats only what the caller may see', async () => {
    f = await createApiFixture(kind);
    const anonymous = (await (await f.call('/api/stats')).json()) as Record<string, number>;
    expect(anonymous).toMatchObject({ actors: 3, seeds: 2, needs: 1 });
    const admin = await f.signIn('admin@test.example');
    expect(
      ((await (await f.call('/api/stats', { as: admin })).json()) as Record<string, number>)[
        'needs'
      ],
    ).toBe(4);
  });
});
