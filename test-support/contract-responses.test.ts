import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '#contract/contract.ts';
import { defineRoute, emptyAnswer, problemAnswer } from '#contract/route.ts';
import { contractViolations, expectContractAnswer, routeOf } from './contract-responses.ts';

const thing = defineRoute({
  method: 'get',
  path: '/api/things/{id}',
  operationId: 'get-thing',
  summary: 'A thing',
  tags: ['test'],
  responses: {
    200: { description: 'The thing', schema: z.object({ id: z.string(), size: z.number() }) },
    404: problemAnswer('No such thing'),
  },
});
const things = defineRoute({
  method: 'delete',
  path: '/api/things/{id}',
  operationId: 'delete-thing',
  summary: 'Forget a thing',
  tags: ['test'],
  responses: { 204: emptyAnswer('Forgotten') },
});
const special = defineRoute({ ...thing, path: '/api/things/special', operationId: 'special' });
const routes = [thing, things, special];
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('answers checked against the contract', () => {
  it('finds the route of a request, literal paths before parameters', () => {
    expect(routeOf(routes, 'GET', '/api/things/t1?x=1')).toBe(thing);
    expect(routeOf(routes, 'GET', '/api/things/special')).toBe(special);
    expect(routeOf(routes, 'DELETE', '/api/things/t1')).toBe(things);
    expect(routeOf(routes, 'POST', '/api/things/t1')).toBeNull();
    expect(routeOf(routes, 'GET', '/api/things/t1/more')).toBeNull();
  });

  it('passes an answer of the documented shape', async () => {
    await expectContractAnswer('GET', '/api/things/t1', json({ id: 't1', size: 3 }), routes);
    await expectContractAnswer(
      'DELETE',
      '/api/things/t1',
      new Response(null, { status: 204 }),
      routes,
    );
  });

  it('fails a deliberately wrong answer, naming the route and the field', async () => {
    await expect(
      expectContractAnswer('GET', '/api/things/t1', json({ id: 't1', size: 'big' }), routes),
    ).rejects.toThrow(/GET \/api\/things\/\{id\} 200: .*size: /);
    await expect(
      expectContractAnswer('GET', '/api/things/t1', json({ id: 't1' }), routes),
    ).rejects.toThrow(/size/);
  });

  it('fails an undocumented success, a wrong media type, a body where none is due', () => {
    expect(contractViolations(thing, 201, 'application/json', '{}')).toEqual([
      'GET /api/things/{id} 201: the contract documents no such answer',
    ]);
    expect(contractViolations(thing, 200, 'text/html', '<p>')[0]).toMatch(/says application\/json/);
    expect(contractViolations(things, 204, null, 'x')[0]).toMatch(/no body/);
    expect(contractViolations(thing, 404, 'application/json', '{}')[0]).toMatch(/problem\+json/);
  });

  it('checks problems against the Problem schema', () => {
    const problem = {
      type: 'x',
      title: 'Not found',
      status: 404,
      detail: 'no thing t1',
      code: 'not_found',
    };
    const type = 'application/problem+json; charset=utf-8';
    expect(contractViolations(thing, 404, type, JSON.stringify(problem))).toEqual([]);
    expect(contractViolations(thing, 404, type, '{"title":1}')).not.toEqual([]);
    // a problem the route does not list (401, 429, 503 from the middleware) is still a problem
    expect(
      contractViolations(thing, 429, type, JSON.stringify({ ...problem, status: 429 })),
    ).toEqual([]);
  });

  it('holds a real route of the contract: the portfolio answer field by field', () => {
    const wrong = JSON.stringify({ scope: { kind: 'prefecture', id: '22', name: '静岡県' } });
    expect(contractViolations(contract.portfolio, 200, 'application/json', wrong)[0]).toMatch(
      /projects/,
    );
  });
});
