/**
 * Property-based fuzzing of the HTTP API's inputs (issue 12): for every route of
 * /api/openapi.json, random and adversarial path ids, query strings (sort, fields, cursor, limit,
 * q, unknown keys, repeated keys), bodies (random JSON, the schema's own property names with
 * odd values, text that is not JSON, wrong content types) and principals. Whatever comes in, the
 * answer is never a 5xx, and every error is problem+json.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKeepingContract } from '#test/contract-responses.ts';
import { fuzzParameters } from '#test/fuzz-runs.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  credentialsFrom,
  PASSWORD,
  type ApiFixture,
  type Credentials,
} from './api-test-fixture.ts';
import { CSRF_HEADER } from './request-auth.ts';

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const PRINCIPALS = ['anonymous', 'admin', 'coordinator', 'memberA', 'viewer'] as const;
type PrincipalName = (typeof PRINCIPALS)[number];

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\ud800',
  '..',
  '../../etc/passwd',
  '%',
  '%00',
  '%E0%A4%A',
  '=HYPERLINK("http://x")',
  "' OR 1=1 --",
  '"; DROP TABLE actors; --',
  '<script>alert(1)</script>',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  'true',
  'null',
  '[]',
  '{}',
  '{"a":[1,{"b":null}]}',
  '__proto__',
  'constructor',
  '１３',
  '株式会社',
  'a,b,,c',
  '*',
  'name:desc',
  '-name',
  'x'.repeat(5000),
];

const oddText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const KNOWN_IDS = [
  'co-a',
  'co-b',
  'uni-u',
  'seed-u1',
  'need-a-public',
  'need-a-secret',
  'need-b-secret',
];

/** Percent-encodes text; a lone surrogate (which no URL can carry) goes as its WTF-8 bytes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

/** A path segment: a known id, or odd text encoded (or, sometimes, left raw). */
const pathValue = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_IDS) },
  { weight: 3, arbitrary: oddText.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2F', '%00') },
);

const QUERY_KEYS = [
  'sort',
  'fields',
  'cursor',
  'limit',
  'q',
  'offset',
  'where',
  'page',
  '__proto__',
];

const jsonLeaf = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0),
  oddText,
  fc.integer(),
);
const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: jsonLeaf },
  {
    weight: 1,
    arbitrary: fc.array(jsonLeaf, { maxLength: 5 }),
  },
);

function bodyFor(operation: Operation): fc.Arbitrary<{ text?: string; type?: string }> {
  const properties = Object.keys(
    operation.requestBody?.content?.['application/json']?.schema?.properties ?? {},
  );
  const shaped =
    properties.length > 0
      ? fc
          .dictionary(fc.constantFrom(...properties), anyJson, { maxKeys: properties.length })
          .map((o) => ({ text: JSON.stringify(o), type: 'application/json' }))
      : fc.constant({ text: '{}', type: 'application/json' });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    {
      weight: 2,
      arbitrary: anyJson.map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { text: '{"a":', type: 'application/json' },
        { text: '', type: 'application/json' },
        { text: 'email=a&password=b', type: 'application/x-www-form-urlencoded' },
        { text: '{}', type: 'text/plain' },
        { text: '\uFEFF{}', type: 'application/json' },
        { text: '{"__proto__":{"admin":true}}', type: 'application/json' },
        { text: '[1,2,3]', type: 'application/json; charset=utf-16' },
      ),
    },
    { weight: 1, arbitrary: fc.constant<{ text?: string; type?: string }>({}) },
  );
}

function requestFor(path: string, method: string, operation: Operation) {
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const declared = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const keys = [...new Set([...declared, ...QUERY_KEYS])];
  return fc.record({
    principal: fc.constantFrom(...PRINCIPALS),
    // Writes need If-Match (428 without): mostly the current version, sometimes odd.
    ifMatch: fc.option(fc.constantFrom('"1"', '"1"', '"2"', '*', 'W/"1"', '"x"', '1', ''), {
      nil: undefined,
    }),
    ids: fc.tuple(...pathNames.map(() => pathValue)),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), oddText), oddText), {
      maxLength: 4,
    }),
    body:
      method === 'get' || method === 'delete'
        ? fc.constant<{ text?: string; type?: string }>({})
        : bodyFor(operation),
  });
}

async function expectWellFormed(response: Response, label: string): Promise<void> {
  expect(response.status, label).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['status'], label).toBe(response.status);
    expect(body['title'], label).toEqual(expect.any(String));
  } else {
    await response.arrayBuffer();
  }
}

describe.each(TEST_DATABASES)('API inputs (fuzz, $name)', (kind) => {
  let fixture: ApiFixture;
  let routes: [string, string, Operation][] = [];
  const sessions = new Map<PrincipalName, Credentials | undefined>();
  const emails: Record<Exclude<PrincipalName, 'anonymous'>, string> = {
    admin: 'admin@test.example',
    coordinator: 'coord@test.example',
    memberA: 'a@test.example',
    viewer: 'viewer@test.example',
  };

  /** Signs everyone in again (a route may have signed someone out, or disabled an account). */
  async function signInAll(): Promise<void> {
    for (const [name, email] of Object.entries(emails)) {
      const response = await fixture.call('/api/auth/sign-in', {
        body: { email, password: PASSWORD },
      });
      sessions.set(
        name as PrincipalName,
        response.status === 200 ? credentialsFrom(response) : undefined,
      );
    }
  }

  beforeAll(async () => {
    fixture = await createApiFixture(kind, {
      rateLimits: {
        signInPerAddress: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
        signInBackoff: {
          freeFailures: 100,
          baseDelaySeconds: 1,
          maxDelaySeconds: 1,
          forgetAfterSeconds: 1,
        },
        search: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
      },
    });
    const response = await fixture.call('/api/openapi.json');
    const doc = (await response.json()) as OpenApi;
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]): [string, string, Operation] => [path, method, operation]),
    );
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('knows the routes of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  // Issue 12, finding 9 ("PATCH with JSON nested 5,000 deep → 500"): bodies deeper than the limit are a 4xx.
  it('answers JSON nested 5,000 deep with a 4xx problem, not a 500', async () => {
    await signInAll();
    const admin = sessions.get('admin');
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    // Runs before the fuzzing (which may change or delete the need); sends its current version.
    const current = await requestKeepingContract(fixture.app, '/api/needs/need-a-public', {
      headers: admin ? { cookie: admin.cookie } : {},
    });
    await current.arrayBuffer();
    const etag = current.headers.get('etag') ?? '"1"';
    const response = await requestKeepingContract(fixture.app, '/api/needs/need-a-public', {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'if-match': etag,
        ...(admin ? { cookie: admin.cookie, [CSRF_HEADER]: admin.csrf } : {}),
      },
      body: `{"title":${deep}}`,
    });
    await expectWellFormed(response, 'PATCH /api/needs/need-a-public (5,000 deep)');
  });

  it(
    'answers every route with no 5xx and problem+json errors, whatever the input',
    { timeout: 600_000 },
    async () => {
      // Routes that end a session or change a password go last: the others keep their principals.
      const ordered = [...routes].sort(
        (a, b) =>
          Number(/sign-out|password|session/.test(a[0])) -
          Number(/sign-out|password|session/.test(b[0])),
      );
      for (const [path, method, operation] of ordered) {
        await signInAll();
        await fc.assert(
          fc.asyncProperty(requestFor(path, method, operation), async (input) => {
            let index = 0;
            const concrete = path.replace(/\{[^}]+\}/g, () => input.ids[index++] ?? 'x');
            const search = input.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
            const url = `${concrete}${search ? `?${search}` : ''}`;
            const headers: Record<string, string> = {};
            const session =
              input.principal === 'anonymous' ? undefined : sessions.get(input.principal);
            if (session) {
              headers['cookie'] = session.cookie;
              headers[CSRF_HEADER] = session.csrf;
            }
            if (input.body.type) headers['content-type'] = input.body.type;
            if (input.ifMatch !== undefined) headers['if-match'] = input.ifMatch;
            const response = await requestKeepingContract(fixture.app, url, {
              method: method.toUpperCase(),
              headers,
              ...(input.body.text !== undefined ? { body: input.body.text } : {}),
            });
            await expectWellFormed(
              response,
              `${method.toUpperCase()} ${url} as ${input.principal}`,
            );
          }),
          fuzzParameters(6),
        );
      }
    },
  );

  it(
    'answers a method a route does not have with no 5xx and problem+json',
    { timeout: 120_000 },
    async () => {
      await signInAll();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
          fc.constantFrom(...PRINCIPALS),
          async ([path], method, principal) => {
            const url = path.replace(/\{[^}]+\}/g, 'need-a-public');
            const session = principal === 'anonymous' ? undefined : sessions.get(principal);
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (session) {
              headers['cookie'] = session.cookie;
              headers[CSRF_HEADER] = session.csrf;
            }
            const response = await requestKeepingContract(fixture.app, url, {
              method,
              headers,
              ...(method === 'GET' ? {} : { body: '{}' }),
            });
            await expectWellFormed(response, `${method} ${url} as ${principal}`);
          },
        ),
        fuzzParameters(60),
      );
    },
  );

  it(
    'pages with forged, damaged and borrowed cursors without a 5xx',
    { timeout: 300_000 },
    async () => {
      await signInAll();
      const lists = routes.filter(([path, method]) => method === 'get' && !path.includes('{'));
      // Real cursors, of unsorted and sorted lists, to damage and to replay on other lists.
      const real: string[] = [];
      for (const [path] of lists) {
        for (const sort of ['', '&sort=name', '&sort=-title', '&sort=trl']) {
          const response = await requestKeepingContract(fixture.app, `${path}?limit=1${sort}`);
          const json = /json/.test(response.headers.get('content-type') ?? '');
          if (response.status !== 200 || !json) {
            await response.arrayBuffer();
            continue;
          }
          const body = (await response.json()) as { nextCursor?: unknown };
          if (typeof body.nextCursor === 'string') real.push(body.nextCursor);
        }
      }
      expect(real.length, 'lists that gave a cursor').toBeGreaterThan(3);
      const base64 = (value: unknown) =>
        Buffer.from(JSON.stringify(value) ?? 'null', 'utf8').toString('base64url');
      const cursor = fc.oneof(
        fc.constantFrom(...real),
        fc
          .tuple(
            fc.constantFrom(...real),
            fc.nat(),
            fc.constantFrom('', 'A', '=', '%', '.', '\u0000'),
          )
          .map(
            ([c, at, insert]) =>
              `${c.slice(0, at % (c.length + 1))}${insert}${c.slice((at % (c.length + 1)) + 1)}`,
          ),
        fc
          .tuple(
            fc.constantFrom('name', 'title', 'trl', 'id', '__proto__', ''),
            fc.constantFrom(0, 1, 2, -1, null, 'x'),
            anyJson,
            fc.oneof(fc.constantFrom('co-a', ''), oddText),
          )
          .map((parts) => `s.${base64(parts)}`),
        anyJson.map((v) => `s.${base64(v)}`),
        anyJson.map((v) => base64(v)),
        oddText,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...lists),
          cursor,
          fc.constantFrom('', 'name', '-name', 'title', '-trl', 'id', '-id', 'nope', '--name'),
          fc.constantFrom(...PRINCIPALS),
          async ([path], value, sort, principal) => {
            const session = principal === 'anonymous' ? undefined : sessions.get(principal);
            const url = `${path}?cursor=${encode(value)}${sort ? `&sort=${encode(sort)}` : ''}`;
            const response = await requestKeepingContract(fixture.app, url, {
              headers: session ? { cookie: session.cookie } : {},
            });
            await expectWellFormed(response, `GET ${url} as ${principal}`);
          },
        ),
        fuzzParameters(150),
      );
    },
  );

  // Found by the property above on PostgreSQL: a NUL character (which PostgreSQL text and jsonb
  // cannot hold) in a path id or a body answered 500.
  it('answers a NUL character in an id, a query or a body with a 4xx problem', async () => {
    await signInAll();
    const admin = sessions.get('admin');
    const auth: Record<string, string> = admin
      ? { cookie: admin.cookie, [CSRF_HEADER]: admin.csrf }
      : {};
    const cases: [string, string, string | undefined][] = [
      ['GET', '/api/actors/%00', undefined],
      ['GET', '/api/needs/a%00b', undefined],
      ['POST', '/api/needs/%00/digest', '{}'],
      ['GET', '/api/actors?sector=a%00b', undefined],
      [
        'POST',
        '/api/actors',
        JSON.stringify({ id: 'nul-1', kind: 'organization', sector: 'company', name: 'a\u0000b' }),
      ],
      [
        'POST',
        '/api/actors',
        JSON.stringify({
          id: 'nul-2',
          kind: 'organization',
          sector: 'company',
          name: 'x',
          keywords: ['a\u0000b'],
        }),
      ],
    ];
    for (const [method, url, body] of cases) {
      const response = await requestKeepingContract(fixture.app, url, {
        method,
        headers: { 'content-type': 'application/json', ...auth },
        ...(body !== undefined ? { body } : {}),
      });
      await expectWellFormed(response, `${method} ${url}`);
    }
  });
});
