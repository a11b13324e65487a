import { describe, expect, it } from 'vitest';
import { urlOf } from './api-client.ts';

describe('urlOf', () => {
  it('fills path parameters, encoded, and leaves empty query values out', () => {
    expect(urlOf('/api/web/actors/{id}', { params: { id: 'a/1 b' } })).toBe(
      '/api/web/actors/a%2F1%20b',
    );
    expect(
      urlOf('/api/web/actors', { query: { q: '大学', sector: '', offset: 0, limit: 50 } }),
    ).toBe('/api/web/actors?q=%E5%A4%A7%E5%AD%A6&offset=0&limit=50');
    expect(urlOf('/api/web/meta')).toBe('/api/web/meta');
  });

  it('checks paths, path parameters and query names against the contract (by tsc)', () => {
    // @ts-expect-error not a route of the contract
    expect(urlOf('/api/web/nothing')).toBe('/api/web/nothing');
    // @ts-expect-error the summary takes no parameter called prefectures
    expect(urlOf('/api/web/summary', { query: { prefectures: '13' } })).toContain('prefectures');
    // @ts-expect-error the profile needs its id
    expect(() => urlOf('/api/web/actors/{id}')).toThrow(/id is missing/);
    // @ts-expect-error the municipalities need a prefecture
    expect(urlOf('/api/web/choropleth/municipalities', { query: { metric: 'x' } })).toBe(
      '/api/web/choropleth/municipalities?metric=x',
    );
  });
});
