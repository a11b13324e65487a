import { describe, expect, it } from 'vitest';
import { changeOf, urlOf } from './api-client.ts';

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

describe('changeOf', () => {
  it('fills the path, keeps the body and sends the version read as If-Match', () => {
    expect(
      changeOf('post', '/api/consultations/{id}/moves', {
        params: { id: 'c/1' },
        body: { to: 'meeting' },
        ifMatch: 3,
      }),
    ).toEqual({
      method: 'POST',
      url: '/api/consultations/c%2F1/moves',
      body: { to: 'meeting' },
      headers: { 'If-Match': '"3"' },
    });
    expect(
      changeOf('delete', '/api/actors/{id}', { params: { id: 'a1' }, ifMatch: '"7"' }),
    ).toEqual({
      method: 'DELETE',
      url: '/api/actors/a1',
      body: undefined,
      headers: { 'If-Match': '"7"' },
    });
    expect(changeOf('post', '/api/auth/sign-out')).toEqual({
      method: 'POST',
      url: '/api/auth/sign-out',
      body: undefined,
      headers: {},
    });
  });

  it('checks change paths, parameters and bodies against the contract (by tsc)', () => {
    const noText = { params: { id: 'c1' }, body: {} };
    const noId = { body: { to: 'meeting' as const } };
    const notAnActorField = { params: { id: 'a' }, body: { title: 1 } };
    // @ts-expect-error not a change route of the contract
    expect(changeOf('post', '/api/nothing').url).toBe('/api/nothing');
    // @ts-expect-error a note needs its text
    expect(changeOf('post', '/api/consultations/{id}/notes', noText).body).toEqual({});
    // @ts-expect-error the move needs the consultation's id
    expect(() => changeOf('post', '/api/consultations/{id}/moves', noId)).toThrow(/id is missing/);
    // @ts-expect-error a patch of an actor takes the actor's fields only
    expect(changeOf('patch', '/api/actors/{id}', notAnActorField).url).toBe('/api/actors/a');
  });
});
