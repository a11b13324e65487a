import { gunzipSync, inflateSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Database } from '#db/open-database.ts';
import { mapUnitOf, mapUnitsOf } from '#core/geo.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { requestKeepingContract } from '#test/contract-responses.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { foldForSearch, registerWebDataRoutes } from './web-data.ts';
import { createWebDataAnswers } from './web-data-answers.ts';
import { GZIP_KEPT_FROM_CHARS } from './web-data-gzip.ts';
import type {
  WebActorPage,
  WebActorProfile,
  WebChoropleth,
  WebCommunities,
  WebMeta,
  WebMunicipalityChoropleth,
  WebNetwork,
  WebSummary,
} from '#contract/web-data-types.ts';
import { contract } from '#contract/contract.ts';

/** Each `/api/web` route (OpenAPI path) and the schema of its answer, from the contract. */
const WEB_DATA_RESPONSES: Readonly<Record<string, z.ZodType>> = Object.fromEntries(
  Object.values(contract).flatMap((route) => {
    const answer: { schema?: z.ZodType } | undefined = (
      route.responses as Readonly<Record<number, { schema?: z.ZodType }>>
    )[200];
    const schema = answer?.schema;
    return route.path.startsWith('/api/web/') && schema ? [[route.path, schema]] : [];
  }),
);

const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
let database: Database;
let app: Hono;

/** A request path → the response schema documented for its route. */
function documentedSchema(path: string): z.ZodType | undefined {
  const route = path.split('?')[0] ?? '';
  return Object.entries(WEB_DATA_RESPONSES).find(([pattern]) =>
    new RegExp(`^${pattern.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(route),
  )?.[1];
}
const answered = new Set<z.ZodType>();

async function json<T>(path: string, status = 200): Promise<T> {
  const response = await requestKeepingContract(app, path);
  expect(response.status, path).toBe(status);
  const body: T = JSON.parse(await response.text());
  if (status === 200) {
    const schema = documentedSchema(path);
    if (schema === undefined) throw new Error(`no documented schema for ${path}`);
    const checked = schema.safeParse(body);
    expect(checked.error?.issues ?? [], path).toEqual([]);
    answered.add(schema);
  }
  return body;
}

beforeAll(async () => {
  database = await sqliteTestDatabase.open(clock);
  await loadDemoEcosystem(database.repos, { scale: 0.05 });
  // A confidential need that must never be counted or shown.
  const [owner] = (
    await database.repos.entity('actors').list({ limit: 1, where: { prefectureCode: '13' } })
  ).items;
  await database.repos.entity('needs').upsertMany([
    {
      id: 'need-secret',
      kind: 'company',
      title: 'SECRET confidential need',
      ownerId: String(owner?.['id']),
      prefectureCode: '13',
      confidentiality: 'confidential',
      keywords: [],
      sdgs: [],
      open: true,
    },
  ]);
  app = new Hono();
  registerWebDataRoutes(app, { repos: database.repos, clock, warm: false });
}, 120_000);

afterAll(async () => {
  await database.close();
  // Every documented response shape was met by at least one answer above.
  const unanswered = Object.entries(WEB_DATA_RESPONSES).filter(
    ([, schema]) => !answered.has(schema),
  );
  expect(unanswered.map(([path]) => path)).toEqual([]);
});

describe('GET /api/web/summary', () => {
  it('counts the nation and never a non-public need', async () => {
    const summary = await json<WebSummary>('/api/web/summary');
    const actors = await database.repos.entity('actors').count();
    const publicNeeds = await database.repos.entity('needs').count({ confidentiality: 'public' });
    const allNeeds = await database.repos.entity('needs').count();
    expect(summary.scope).toEqual({ type: 'nation', code: null });
    expect(summary.actors.total).toBe(actors);
    expect(Object.values(summary.actors.bySector).reduce((a, b) => a + b, 0)).toBe(actors);
    expect(summary.needs.public).toBe(publicNeeds);
    expect(allNeeds).toBeGreaterThan(publicNeeds);
    // the generated demo comes from no open source: no credit line to show
    expect(summary.credits).toEqual([]);
  });

  it('narrows to a prefecture and to a community', async () => {
    const tokyo = await json<WebSummary>('/api/web/summary?prefecture=13');
    expect(tokyo.scope).toEqual({ type: 'prefecture', code: '13' });
    expect(tokyo.actors.total).toBe(
      await database.repos.entity('actors').count({ prefectureCode: '13' }),
    );
    const { communities } = await json<WebCommunities>('/api/web/communities');
    const first = communities[0];
    expect(first).toBeDefined();
    const community = await json<WebSummary>(`/api/web/summary?community=${first?.id}`);
    expect(community.actors.total).toBe(first?.size);
    expect(community.community?.id).toBe(first?.id);
  });

  it('rejects bad scopes with problem+json', async () => {
    const response = await requestKeepingContract(app, '/api/web/summary?prefecture=99');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { field: string }).field).toBe('prefecture');
    await json('/api/web/summary?community=c9999', 404);
    await json('/api/web/summary?prefecture=13&community=c1', 422);
  });
});

describe('GET /api/web/communities and /meta', () => {
  it('computes communities when no run is stored, without saving one', async () => {
    const result = await json<WebCommunities>('/api/web/communities');
    expect(result.source).toBe('computed');
    expect(result.communityCount).toBe(result.communities.length);
    expect(await database.repos.analysisRuns.list('communities')).toHaveLength(0);
  });

  it('names each community from its members, uniquely, in both languages', async () => {
    const { communities } = await json<WebCommunities>('/api/web/communities');
    for (const c of communities) {
      expect(c.name).toMatch(/圏/);
      expect(c.name).not.toMatch(/^c\d+$/);
      expect(c.nameEn).toMatch(/ area/);
      // a name is made of the community's core organisations
      expect(c.coreActors.length).toBeGreaterThan(0);
    }
    expect(new Set(communities.map((c) => c.name)).size).toBe(communities.length);
    expect(new Set(communities.map((c) => c.nameEn)).size).toBe(communities.length);
  });

  it('lists prefectures and the metrics the map can show', async () => {
    const meta = await json<WebMeta>('/api/web/meta');
    expect(meta.prefectures).toHaveLength(47);
    expect(meta.metrics.map((m) => m.id)).toEqual(
      expect.arrayContaining(['actors', 'seeds', 'papers', 'funding_jpy']),
    );
  });
});

describe('GET /api/web/choropleth', () => {
  it('gives a value for all 47 prefectures', async () => {
    const map = await json<WebChoropleth>('/api/web/choropleth?metric=actors');
    expect(Object.keys(map.values)).toHaveLength(47);
    expect(map.total).toBe(await database.repos.entity('actors').count());
  });

  it('counts public needs only', async () => {
    const map = await json<WebChoropleth>('/api/web/choropleth?metric=needs');
    expect(map.total).toBe(
      await database.repos.entity('needs').count({ confidentiality: 'public' }),
    );
  });

  it('reads yearly indicators, latest year by default', async () => {
    const map = await json<WebChoropleth>('/api/web/choropleth?metric=papers');
    expect(map.year).toBe(map.years[map.years.length - 1]);
    const all = await json<WebChoropleth>('/api/web/choropleth?metric=papers&year=all');
    expect(all.year).toBeNull();
    expect(all.total).toBeGreaterThanOrEqual(map.total);
  });

  it('names the known metrics when one is unknown', async () => {
    const response = await requestKeepingContract(app, '/api/web/choropleth?metric=nope');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { known: string[] }).known).toContain('actors');
  });
});

async function listAll(entity: 'actors' | 'needs', where: Record<string, string>) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await database.repos.entity(entity).list({ limit: 1000, where, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('GET /api/web/choropleth/municipalities', () => {
  it('counts actors per municipality, designated-city wards in their city', async () => {
    const map = await json<WebMunicipalityChoropleth>(
      '/api/web/choropleth/municipalities?prefecture=01&metric=actors',
    );
    const codes = map.municipalities.map((m) => m.code);
    expect(codes).toHaveLength(mapUnitsOf('01').length);
    expect(codes).toContain('011002'); // 札幌市
    expect(codes).not.toContain('011011'); // 札幌市中央区 is drawn as 札幌市
    const actors = await listAll('actors', { prefectureCode: '01' });
    const inSapporo = actors.filter(
      (a) => mapUnitOf(String(a['municipalityCode'] ?? ''))?.code === '011002',
    ).length;
    expect(inSapporo).toBeGreaterThan(0);
    expect(map.values['011002']).toBe(inSapporo);
    expect(map.total + map.unplaced).toBe(actors.length);
    const nation = await json<WebChoropleth>('/api/web/choropleth?metric=actors');
    expect(map.total + map.unplaced).toBe(nation.values['01']);
  });

  it('never counts a confidential need', async () => {
    const map = await json<WebMunicipalityChoropleth>(
      '/api/web/choropleth/municipalities?prefecture=13&metric=needs',
    );
    const secret = (await listAll('needs', {})).find((n) => n['id'] === 'need-secret');
    const owner = (await listAll('actors', { prefectureCode: '13' })).find(
      (a) => a['id'] === secret?.['ownerId'],
    );
    const unit = mapUnitOf(String(owner?.['municipalityCode']));
    expect(unit).toBeDefined();
    const tokyoActors = new Map(
      (await listAll('actors', { prefectureCode: '13' })).map((a) => [
        String(a['id']),
        mapUnitOf(String(a['municipalityCode'] ?? ''))?.code,
      ]),
    );
    const needs = await listAll('needs', {});
    const inUnit = (confidentiality: string | null) =>
      needs.filter(
        (n) =>
          (confidentiality === null || n['confidentiality'] === confidentiality) &&
          (n['prefectureCode'] ?? '13') === '13' &&
          tokyoActors.get(String(n['ownerId'])) === unit?.code,
      ).length;
    expect(inUnit(null)).toBeGreaterThan(inUnit('public')); // need-secret, at least
    expect(map.values[unit?.code ?? '']).toBe(inUnit('public'));
    const nation = await json<WebChoropleth>('/api/web/choropleth?metric=needs');
    expect(map.total + map.unplaced).toBe(nation.values['13']);
  });

  it('says so when a metric exists per prefecture only', async () => {
    for (const metric of ['projects', 'papers']) {
      const map = await json<WebMunicipalityChoropleth>(
        `/api/web/choropleth/municipalities?prefecture=13&metric=${metric}`,
      );
      expect(map.available).toBe(false);
      expect(map.values).toEqual({});
      expect(map.municipalities.length).toBeGreaterThan(0);
    }
  });

  it('rejects a bad prefecture and an unknown metric', async () => {
    expect(
      (await requestKeepingContract(app, '/api/web/choropleth/municipalities?prefecture=48'))
        .status,
    ).toBe(422);
    expect((await requestKeepingContract(app, '/api/web/choropleth/municipalities')).status).toBe(
      422,
    );
    const response = await requestKeepingContract(
      app,
      '/api/web/choropleth/municipalities?prefecture=13&metric=nope',
    );
    expect(response.status).toBe(422);
  });
});

describe('GET /api/web/network', () => {
  it('returns every actor with a position, and distinct ties', async () => {
    const network = await json<WebNetwork>('/api/web/network');
    expect(network.nodeCount).toBe(await database.repos.entity('actors').count());
    expect(network.nodes.x).toHaveLength(network.nodeCount);
    expect(network.nodes.x.every(Number.isFinite)).toBe(true);
    const pairs = new Set(
      network.edges.source.map((s, i) => {
        const t = network.edges.target[i] ?? 0;
        return s < t ? `${s}-${t}` : `${t}-${s}`;
      }),
    );
    expect(pairs.size).toBe(network.edgeCount);
    // every tie carries its weight; a pair with several ties carries their sum
    expect(network.edges.weight).toHaveLength(network.edgeCount);
    expect(network.edges.weight.every((w) => w > 0)).toBe(true);
    expect(Math.max(...network.edges.weight)).toBeGreaterThan(Math.min(...network.edges.weight));
    expect(network.communityNames).toHaveLength(network.communities.length);
    expect(network.communityNamesEn).toHaveLength(network.communities.length);
    expect(network.communityNames.every((n) => n.includes('圏'))).toBe(true);
  });

  it('sends the view JSON text as it is, with the headers c.json gave', async () => {
    const response = await app.request('/api/web/network?maxEdges=100');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const query = contract.webNetwork.query.parse({ maxEdges: '100' });
    const here = createWebDataAnswers(database.repos, clock);
    expect(await response.text()).toBe(JSON.stringify(await here.answer('network', query)));
  });

  it('sends a large answer gzipped, as the compress middleware did', async () => {
    const path = '/api/web/network';
    const plain = await (await app.request(path)).text();
    expect(plain.length).toBeGreaterThan(GZIP_KEPT_FROM_CHARS);
    const asked = { headers: { 'accept-encoding': 'gzip, deflate, br' } };
    const first = await app.request(path, asked);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain);
    const again = Buffer.from(await (await app.request(path, asked)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const deflated = await app.request(path, { headers: { 'accept-encoding': 'deflate' } });
    expect(deflated.headers.get('content-encoding')).toBe('deflate');
    expect(inflateSync(Buffer.from(await deflated.arrayBuffer())).toString('utf8')).toBe(plain);
  });

  it('filters by community, sector and tie type, and caps ties', async () => {
    const { communities } = await json<WebCommunities>('/api/web/communities');
    const id = communities[0]?.id ?? 'c1';
    const community = await json<WebNetwork>(`/api/web/network?community=${id}`);
    expect(community.nodeCount).toBe(communities[0]?.size);
    const index = community.communities.indexOf(id);
    expect(community.nodes.community.every((c) => c === index)).toBe(true);

    const universities = await json<WebNetwork>('/api/web/network?sectors=university');
    expect(universities.nodes.sector.every((s) => universities.sectors[s] === 'university')).toBe(
      true,
    );

    const joint = await json<WebNetwork>('/api/web/network?types=joint_research&isolated=false');
    expect(joint.edges.type.every((t) => joint.relationTypes[t] === 'joint_research')).toBe(true);
    expect(joint.nodeCount).toBeLessThan(community.nodeCount + universities.nodeCount + 10_000);

    const capped = await json<WebNetwork>('/api/web/network?maxEdges=10');
    expect(capped.edgeCount).toBe(10);
    expect(capped.droppedEdges).toBeGreaterThan(0);

    // At most maxNodes organisations: the untied go first, then the least tied; edges follow them
    const all = await json<WebNetwork>('/api/web/network?maxEdges=50');
    expect(all.droppedNodes).toBe(0);
    const few = await json<WebNetwork>('/api/web/network?maxEdges=50&maxNodes=20');
    expect(few.nodeCount).toBe(20);
    expect(few.droppedNodes).toBe(all.nodeCount - 20);
    const tied = new Set<number>();
    few.edges.source.forEach((s, k) => tied.add(s).add(few.edges.target[k] ?? -1));
    expect(few.edges.source.length).toBeGreaterThan(0);
    expect([...tied].every((node) => node >= 0 && node < few.nodeCount)).toBe(true);
    // every drawn organisation is tied when there are more tied ones than room
    const tiedInAll = new Set([...all.edges.source, ...all.edges.target]).size;
    expect(tiedInAll).toBeGreaterThan(20);
    expect(tied.size).toBeGreaterThan(0);
    expect(few.nodes.id.every((id) => all.nodes.id.includes(id))).toBe(true);

    await json('/api/web/network?sectors=spaceship', 422);
  });
});

describe('GET /api/web/actors', () => {
  it('searches names regardless of width and kana', async () => {
    expect(foldForSearch('ﾄｳｷｮｳ')).toBe(foldForSearch('とうきょう'));
    const page = await json<WebActorPage>('/api/web/actors?q=大学&limit=5');
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((a) => a.name.includes('大学') || (a.nameEn ?? '').length > 0)).toBe(
      true,
    );
  });

  it('filters by sector, prefecture and community and pages', async () => {
    const page = await json<WebActorPage>('/api/web/actors?sector=company&prefecture=13&limit=3');
    expect(page.items.every((a) => a.sector === 'company' && a.prefectureCode === '13')).toBe(true);
    const next = await json<WebActorPage>(
      '/api/web/actors?sector=company&prefecture=13&limit=3&offset=3',
    );
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
    const { communities } = await json<WebCommunities>('/api/web/communities');
    const members = await json<WebActorPage>(
      `/api/web/actors?community=${communities[0]?.id}&limit=200`,
    );
    expect(members.total).toBe(communities[0]?.size);
  });
});

describe('GET /api/web/actors/:id', () => {
  it('shows relations, community and roles, but no confidential need', async () => {
    const [top] = (await json<WebActorPage>('/api/web/actors?limit=1')).items;
    const profile = await json<WebActorProfile>(`/api/web/actors/${top?.id}`);
    expect(profile.actor['id']).toBe(top?.id);
    expect(profile.relations.total).toBeGreaterThan(0);
    expect(profile.degree).toBe(top?.degree);

    const secret = await database.repos.entity('needs').get('need-secret');
    const owner = String(secret?.record['ownerId']);
    const ownerProfile = await json<WebActorProfile>(`/api/web/actors/${owner}`);
    expect(ownerProfile.needs.map((n) => n.id)).not.toContain('need-secret');
  });

  it('answers 404 for an unknown actor', async () => {
    await json('/api/web/actors/nobody-here', 404);
  });
});
