import { describe, expect, it } from 'vitest';
import { requestKeepingContract } from '#test/contract-responses.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { createApp } from '../app.ts';

type Operation = {
  tags?: string[];
  parameters?: { name: string; required?: boolean; schema?: { enum?: string[] } }[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { additionalProperties?: unknown }> };
};

/** The app's OpenAPI document, served from a fresh embedded database. */
async function openApiDocument(): Promise<Document> {
  const database = await sqliteTestDatabase.open();
  try {
    const app = createApp({
      repos: database.repos,
      warmWebData: false,
      webDistDir: '/nonexistent-web-dist/',
    });
    return (await (await requestKeepingContract(app, '/api/openapi.json')).json()) as Document;
  } finally {
    await database.close();
  }
}

describe('OpenAPI document', () => {
  it('describes every API route, including matching, consultations and disclosure', async () => {
    const document = await openApiDocument();
    const undescribed = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.tags?.includes('other'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(undescribed).toEqual([]);
    const move = document.paths['/api/consultations/{id}/moves']?.['post'];
    expect(move?.parameters?.map((p) => p.name)).toContain('If-Match');
    const list = document.paths['/api/consultations']?.['get'];
    expect(list?.parameters?.find((p) => p.name === 'sort')?.schema?.enum).toContain(
      '-stageEnteredAt',
    );
    for (const path of [
      '/api/matching/needs',
      '/api/needs/{id}/matches',
      '/api/seeds/{id}/matches',
      '/api/consultations/board',
      '/api/digests',
      '/api/disclosure-requests/{id}/decision',
    ])
      expect(document.paths[path], path).toBeDefined();
  });

  it("describes the web app's data endpoints with their parameters and strict response schemas", async () => {
    const document = await openApiDocument();
    const web = Object.keys(document.paths).filter((p) => p.startsWith('/api/web/'));
    expect(web.sort()).toEqual([
      '/api/web/actors',
      '/api/web/actors/{id}',
      '/api/web/choropleth',
      '/api/web/choropleth/municipalities',
      '/api/web/communities',
      '/api/web/meta',
      '/api/web/network',
      '/api/web/summary',
    ]);
    for (const path of web) {
      const get = document.paths[path]?.['get'];
      const ref = get?.responses?.['200']?.content?.['application/json']?.schema?.$ref ?? '';
      const name = ref.replace('#/components/schemas/', '');
      expect(document.components.schemas[name]?.additionalProperties, path).toBe(false);
    }
    const names = (path: string) =>
      document.paths[path]?.['get']?.parameters?.map((p) => p.name) ?? [];
    expect(names('/api/web/network')).toEqual(
      expect.arrayContaining(['community', 'sectors', 'types', 'from', 'to', 'maxEdges']),
    );
    expect(names('/api/web/actors')).toEqual(
      expect.arrayContaining(['q', 'sector', 'prefecture', 'offset', 'limit']),
    );
    const municipalities = document.paths['/api/web/choropleth/municipalities']?.['get'];
    expect(municipalities?.parameters?.find((p) => p.name === 'prefecture')?.required).toBe(true);
  });
});
