/**
 * Every request of the web views (`/api/web/*`) the web app sends, with each parameter it sets
 * and their combinations, on one database: to compare the answers of two ways of making them
 * (`routes/web-data-compact.test.ts`, `bench/web/compare-web-answers.ts`). Made from the meta,
 * the communities and the actors (id, name, reading) of that database.
 */
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';

export interface WebViewPathsInput {
  meta: {
    prefectures: readonly { code: string }[];
    metrics: readonly { id: string; yearly: boolean; years: readonly number[] }[];
    years: { from: number; to: number } | null;
  };
  communities: readonly string[];
  /** Actors whose profiles are asked, and whose names and readings are searched. */
  actors: readonly { id: string; name: string; nameKana?: string | null }[];
}

const q = (params: Record<string, string | number>) =>
  new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();

/** The directory's searches: parts of names and readings, ids, widths and kana folded. */
function searches(actors: WebViewPathsInput['actors']): string[] {
  const out = new Set<string>(['ﾄｳｷｮｳ', 'とうきょう', '大学', '株式会社', 'univ', 'x', ' ']);
  for (const actor of actors.slice(0, 25)) {
    out.add([...actor.name].slice(0, 2).join(''));
    out.add([...actor.name].slice(1, 4).join(''));
    if (actor.nameKana) out.add([...actor.nameKana].slice(0, 3).join(''));
    out.add(actor.id);
  }
  return [...out];
}

export function webViewPaths(input: WebViewPathsInput): string[] {
  const { meta, communities, actors } = input;
  const prefectures = meta.prefectures.map((p) => p.code);
  const paths = ['/api/web/meta', '/api/web/communities', '/api/web/summary'];
  for (const prefecture of prefectures) paths.push(`/api/web/summary?prefecture=${prefecture}`);
  for (const community of communities) paths.push(`/api/web/summary?community=${community}`);
  paths.push('/api/web/summary?community=no-such-community');

  for (const metric of meta.metrics) {
    paths.push(`/api/web/choropleth?${q({ metric: metric.id })}`);
    if (metric.yearly) {
      paths.push(`/api/web/choropleth?${q({ metric: metric.id, year: 'all' })}`);
      for (const year of metric.years)
        paths.push(`/api/web/choropleth?${q({ metric: metric.id, year })}`);
    }
    for (const prefecture of prefectures)
      paths.push(`/api/web/choropleth/municipalities?${q({ prefecture, metric: metric.id })}`);
  }

  // The network page: national (40,000 ties at most) and per community (300,000), each filter.
  const national = { maxEdges: 40_000 };
  const years = meta.years ?? { from: 2000, to: 2020 };
  const middle = Math.round((years.from + years.to) / 2);
  const networks: Record<string, string | number>[] = [
    {},
    national,
    { ...national, isolated: 'false' },
    { ...national, sectors: 'university,company' },
    { ...national, types: RELATION_TYPES.slice(0, 3).join(',') },
    { ...national, from: middle },
    { ...national, to: middle },
    { ...national, from: middle - 2, to: middle + 2, isolated: 'false' },
    { maxEdges: 100 },
    { maxEdges: 1, isolated: 'false' },
    { maxEdges: 0 },
  ];
  for (const community of communities) networks.push({ community, maxEdges: 300_000 });
  if (communities.length >= 2)
    networks.push({
      community: communities.slice(0, 2).join(','),
      maxEdges: 300_000,
      sectors: SECTORS.slice(0, 3).join(','),
      isolated: 'false',
    });
  for (const params of networks) paths.push(`/api/web/network?${q(params)}`);

  // The directory: its filters one by one, pages, the stale filter, searches; the support
  // navigator's company search.
  const directories: Record<string, string | number>[] = [
    {},
    { offset: 0, limit: 50 },
    { offset: 50, limit: 50 },
    { offset: 100, limit: 200 },
    { stale: 'true', limit: 50 },
    { stale: 'false', limit: 50 },
  ];
  for (const sector of SECTORS) directories.push({ sector, limit: 50 });
  for (const kind of ACTOR_KINDS) directories.push({ kind, limit: 50 });
  for (const flag of ACTOR_FLAGS) directories.push({ flag, limit: 50 });
  for (const prefecture of prefectures) directories.push({ prefecture, limit: 50 });
  for (const community of communities) directories.push({ community, limit: 50 });
  for (const text of searches(actors)) {
    directories.push({ q: text, limit: 50 });
    directories.push({ q: text, sector: 'company', limit: 10 });
  }
  for (const params of directories) paths.push(`/api/web/actors?${q(params)}`);

  for (const actor of actors) paths.push(`/api/web/actors/${encodeURIComponent(actor.id)}`);
  paths.push('/api/web/actors/no-such-actor');
  return paths;
}
