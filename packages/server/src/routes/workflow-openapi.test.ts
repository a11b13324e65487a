import { describe, expect, it } from 'vitest';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { createApp } from '../app.ts';

type Operation = { tags?: string[]; parameters?: { name: string; schema?: { enum?: string[] } }[] };

describe('OpenAPI document', () => {
  it('describes every API route, including matching, consultations and disclosure', async () => {
    const database = await sqliteTestDatabase.open();
    try {
      const app = createApp({
        repos: database.repos,
        warmWebData: false,
        webDistDir: '/nonexistent-web-dist/',
      });
      const document = (await (await app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
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
    } finally {
      await database.close();
    }
  });
});
