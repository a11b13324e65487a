/**
 * Demo relations of all 16 types, dated 2002–2025. Most ties stay inside a planted community (dense
 * inside, sparse between), so the network's communities are the planted ABCs, not prefectures.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import { relationKey, type Relation } from '#core/entities/relation.ts';
import type { RelationType } from '#core/vocabulary.ts';
import type { ActorWorld, PoolKey, Pools } from './generate-actors.ts';
import { PLANTED_COMMUNITIES } from './planted-communities.ts';
import type { Random } from './random.ts';

/** Share of random ties drawn inside the source's community. */
export const INSIDE_COMMUNITY_SHARE = 0.93;

interface TypeSpec {
  type: RelationType;
  share: number;
  sources: readonly (readonly PoolKey[])[];
  targets: readonly (readonly PoolKey[])[];
  /** Typical weight range. */
  weight: readonly [number, number];
  /** Years a tie of this type typically lasts (undefined: open-ended). */
  years?: readonly [number, number];
}

const TYPE_SPECS: readonly TypeSpec[] = [
  {
    type: 'co_authorship',
    share: 14,
    sources: [['researcher', 'star_scientist']],
    targets: [['researcher', 'star_scientist'], ['student']],
    weight: [1, 8],
  },
  {
    type: 'joint_research',
    share: 12,
    sources: [['university'], ['public_research'], ['national_lab'], ['anchor']],
    targets: [['company'], ['regional_core'], ['large'], ['sme']],
    weight: [1, 5],
    years: [1, 4],
  },
  {
    type: 'contract_research',
    share: 6,
    sources: [['sme'], ['regional_core'], ['large']],
    targets: [['university'], ['public_research']],
    weight: [1, 3],
    years: [1, 2],
  },
  {
    type: 'license',
    share: 4,
    sources: [
      ['university'],
      ['public_research'],
      ['national_lab'],
      ['star_scientist'],
      ['anchor'],
    ],
    targets: [['company'], ['startup']],
    weight: [1, 3],
  },
  {
    type: 'investment',
    share: 3,
    sources: [['vc'], ['vc'], ['bank'], ['large'], ['star_scientist'], ['anchor']],
    targets: [['startup']],
    weight: [1, 10],
  },
  {
    type: 'loan',
    share: 6,
    sources: [['bank']],
    targets: [['sme'], ['regional_core'], ['startup']],
    weight: [1, 10],
    years: [3, 10],
  },
  {
    type: 'grant',
    share: 6,
    sources: [['prefecture'], ['municipality'], ['support_org'], ['national_government']],
    targets: [['university'], ['sme'], ['startup'], ['public_research'], ['npo']],
    weight: [1, 10],
    years: [1, 3],
  },
  {
    type: 'supply',
    share: 10,
    sources: [['sme'], ['sme'], ['regional_core']],
    targets: [['large'], ['anchor'], ['regional_core'], ['sme']],
    weight: [1, 10],
  },
  {
    type: 'sales',
    share: 7,
    sources: [['regional_core'], ['sme'], ['startup'], ['large'], ['anchor']],
    targets: [['company'], ['municipality'], ['large']],
    weight: [1, 10],
  },
  {
    type: 'employment',
    share: 4,
    sources: [['large'], ['sme'], ['regional_core'], ['university'], ['public_research']],
    targets: [['student'], ['researcher'], ['coordinator']],
    weight: [1, 1],
    years: [2, 12],
  },
  {
    type: 'affiliation',
    share: 3,
    sources: [['researcher'], ['coordinator'], ['student'], ['star_scientist']],
    targets: [['university'], ['public_research'], ['national_lab']],
    weight: [1, 1],
    years: [1, 6],
  },
  {
    type: 'membership',
    share: 8,
    sources: [['sme'], ['regional_core'], ['large'], ['university'], ['bank'], ['startup']],
    targets: [['support_org']],
    weight: [1, 2],
  },
  {
    type: 'mou',
    share: 3,
    sources: [['university'], ['prefecture'], ['municipality'], ['public_research']],
    targets: [['university'], ['large'], ['bank'], ['municipality'], ['prefecture']],
    weight: [1, 3],
  },
  {
    type: 'spinout',
    share: 1,
    sources: [['university'], ['star_scientist'], ['large']],
    targets: [['startup']],
    weight: [1, 1],
  },
  {
    type: 'mentoring',
    share: 5,
    sources: [['star_scientist'], ['researcher'], ['coordinator'], ['entrepreneur']],
    targets: [['student'], ['entrepreneur'], ['researcher']],
    weight: [1, 3],
    years: [1, 3],
  },
  {
    type: 'participation',
    share: 8,
    sources: [
      ['sme'],
      ['university'],
      ['public_research'],
      ['researcher'],
      ['npo'],
      ['school'],
      ['municipality'],
      ['coordinator'],
    ],
    targets: [['support_org'], ['prefecture']],
    weight: [1, 3],
    years: [2, 5],
  },
];

const FIRST_DAY = Date.UTC(2002, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY = 86_400_000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A start date 2002–2025, more recent years more likely (the ecosystem grows). */
function startTime(random: Random, notBefore = FIRST_DAY): number {
  const u = Math.sqrt(random.next());
  const from = Math.max(FIRST_DAY, notBefore);
  return from + Math.floor(u * ((LAST_DAY - from) / DAY)) * DAY;
}

export function generateRelations(random: Random, world: ActorWorld, total: number): Relation[] {
  const relations: Relation[] = [];
  const keys = new Set<string>();
  const communityCount = PLANTED_COMMUNITIES.length;
  const communityWeights = PLANTED_COMMUNITIES.map((c) => c.weight);
  const communityIndexes = PLANTED_COMMUNITIES.map((_, i) => i);
  const cache = new Map<string, ActorInJapan[]>();

  function pool(community: number | undefined, group: readonly PoolKey[]): ActorInJapan[] {
    const cacheKey = `${community ?? 'all'}|${group.join(',')}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const source: Pools =
      community === undefined ? world.national : (world.pools[community] ?? world.national);
    const list = group.flatMap((key) => source[key]);
    cache.set(cacheKey, list);
    return list;
  }

  function pickIn(community: number, group: readonly PoolKey[]): ActorInJapan | undefined {
    const local = pool(community, group);
    if (local.length > 0) return random.pick(local);
    const all = pool(undefined, group);
    return all.length > 0 ? random.pick(all) : undefined;
  }

  function push(
    source: ActorInJapan,
    target: ActorInJapan,
    type: RelationType,
    weight: number,
    start: number,
    years?: readonly [number, number],
    note?: string,
  ): boolean {
    if (source.id === target.id) return false;
    const startDate = isoDay(start);
    const key = relationKey({ sourceId: source.id, targetId: target.id, type, startDate });
    if (keys.has(key)) return false;
    let endDate: string | undefined;
    if (years) {
      const end = start + random.int(years[0] * 365, years[1] * 365) * DAY;
      if (end <= LAST_DAY) endDate = isoDay(end);
    }
    keys.add(key);
    relations.push({
      sourceId: source.id,
      targetId: target.id,
      type,
      weight,
      startDate,
      ...(endDate ? { endDate } : {}),
      ...(note ? { note } : {}),
      source: 'demo',
    });
    return true;
  }

  // ---- structural ties: every person to their home, ventures to their founders and parents
  for (const [personId, homeId] of world.homeOf) {
    if (relations.length >= total) break;
    const person = world.byId.get(personId);
    const home = world.byId.get(homeId);
    if (!person || !home) continue;
    if (person.flags.includes('entrepreneur')) {
      push(
        home,
        person,
        'employment',
        1,
        startTime(random, Date.UTC(home.foundedYear ?? 2002, 3, 1)),
        undefined,
        '創業者',
      );
    } else {
      push(
        person,
        home,
        'affiliation',
        1,
        startTime(random),
        person.flags.includes('student') ? [2, 6] : undefined,
      );
    }
  }
  for (const startup of world.national.startup) {
    if (relations.length >= total) break;
    const community = world.communityOf.get(startup.id) ?? 0;
    const founded = Date.UTC(startup.foundedYear ?? 2010, random.int(0, 11), random.int(1, 28));
    if (startup.flags.includes('university_venture')) {
      const university = pickIn(community, ['university']);
      if (university)
        push(
          university,
          startup,
          'spinout',
          1,
          Math.min(LAST_DAY, founded),
          undefined,
          '大学発ベンチャー',
        );
    }
  }
  // star scientists: many papers and active in ventures (spin-outs and investment)
  for (const star of world.national.star_scientist) {
    if (relations.length >= total) break;
    const community = world.communityOf.get(star.id) ?? 0;
    const ventures = pool(community, ['startup']).filter((s) =>
      s.flags.includes('university_venture'),
    );
    for (const venture of random.sample(ventures, random.int(1, 3))) {
      const founded = Date.UTC(venture.foundedYear ?? 2010, random.int(0, 11), random.int(1, 28));
      push(
        star,
        venture,
        random.chance(0.7) ? 'spinout' : 'investment',
        random.int(1, 5),
        Math.min(LAST_DAY, founded),
      );
    }
  }

  // ---- random ties by type, mostly inside one community
  const specs = TYPE_SPECS;
  const shares = specs.map((s) => s.share);
  let attempts = 0;
  while (relations.length < total && attempts < total * 5) {
    attempts += 1;
    const spec = random.weighted(specs, shares);
    const community = random.weighted(communityIndexes, communityWeights);
    const source = pickIn(community, random.pick(spec.sources));
    if (!source) continue;
    const targetCommunity = random.chance(INSIDE_COMMUNITY_SHARE)
      ? community
      : random.int(0, communityCount - 1);
    const target = pickIn(targetCommunity, random.pick(spec.targets));
    if (!target) continue;
    const weight =
      spec.weight[0] === spec.weight[1]
        ? spec.weight[0]
        : Math.round(
            (spec.weight[0] + random.next() ** 2 * (spec.weight[1] - spec.weight[0])) * 10,
          ) / 10;
    push(source, target, spec.type, weight, startTime(random), spec.years);
  }
  return relations;
}
