/**
 * Demo people: researchers and star scientists, coordinators, PD/PMs, startup founders and
 * students, each with a home organisation.
 */
import { createRng } from '#analytics/random.ts';
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { ActorFlag } from '#core/vocabulary.ts';
import {
  clamp,
  LAST_FOUNDING_YEAR,
  municipalityByCode,
  type ActorBuilder,
  type PoolKey,
  type Pools,
} from './actor-world.ts';
import { personName } from './japanese-names.ts';

export function addPeople(builder: ActorBuilder): void {
  const { random, counts, communityIndexes, communityWeights, add, place, fieldOf } = builder;
  const { communityOf, pools, national, homeOf, founderOf } = builder.world;
  // ---- people
  let personSeq = 0;
  function addPerson(
    community: number,
    home: ActorInJapan,
    flags: ActorFlag[],
    keys: PoolKey[],
    extra: Partial<ActorInJapan> = {},
  ): ActorInJapan {
    const id = `person-${String(++personSeq).padStart(6, '0')}`;
    // a person belongs where their home organisation is (the home may come from another community
    // when theirs has no organisation of that kind)
    const homeCommunity = communityOf.get(home.id) ?? community;
    const m = municipalityByCode.get(home.municipalityCode ?? '');
    const person = add(
      {
        id,
        kind: 'person',
        sector: home.sector,
        ...personName(random),
        ...place(home.prefectureCode, m),
        flags,
        keywords: [],
        source: 'demo',
        ...extra,
      },
      homeCommunity,
      keys,
    );
    homeOf.set(id, home.id);
    return person;
  }

  function localOrNational(community: number, keys: readonly PoolKey[]): ActorInJapan {
    const pool = pools[community] as Pools;
    const candidates = keys.flatMap((key) => pool[key]);
    if (candidates.length > 0) return random.pick(candidates);
    const fallback = keys.flatMap((key) => national[key]);
    return random.pick(fallback);
  }

  const researchHomes: readonly PoolKey[][] = [
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['public_research'],
    ['public_research'],
    ['national_lab'],
    ['large'],
  ];
  /**
   * A researcher's first year, from a stream of its own (the rest of the demo stays as it was):
   * papers at 1–5 a year (a star's 8–16), a career of 2 to 42 years.
   */
  function careerStartYear(seq: number, papers: number, star: boolean): number {
    const draw = createRng(0x9e3779b9 ^ seq);
    const perYear = star ? 8 + draw() * 8 : 1 + draw() * 4;
    const years = papers > 0 ? Math.round(papers / perYear) : 2 + Math.floor(draw() * 10);
    return LAST_FOUNDING_YEAR - clamp(years, 2, 42) + 1;
  }

  function researcher(star: boolean): void {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(community, star ? ['university'] : random.pick(researchHomes));
    const papers = star
      ? random.int(150, 450)
      : Math.round(clamp(random.logNormal(22, 0.9), 0, 400));
    const citations = star
      ? random.int(5000, 30000)
      : Math.round(papers * clamp(random.logNormal(9, 0.7), 0, 60));
    addPerson(
      community,
      home,
      star ? ['researcher', 'star_scientist'] : ['researcher'],
      star ? ['researcher', 'star_scientist'] : ['researcher'],
      {
        field: home.field ?? fieldOf(community),
        papers,
        citations,
        careerStartYear: careerStartYear(personSeq + 1, papers, star),
        patents: Math.round(random.logNormal(star ? 25 : 2, 1)),
      },
    );
  }
  for (let i = 0; i < counts.researchers; i++) researcher(false);
  for (let i = 0; i < counts.stars; i++) researcher(true);
  for (let i = 0; i < counts.coordinators; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(
      community,
      random.pick<PoolKey[]>([
        ['support_org'],
        ['university'],
        ['public_research'],
        ['prefecture'],
      ]),
    );
    addPerson(community, home, ['coordinator'], ['coordinator'], { field: fieldOf(community) });
  }
  for (let i = 0; i < counts.pdPms; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(
      community,
      random.pick<PoolKey[]>([['support_org'], ['university'], ['prefecture']]),
    );
    addPerson(community, home, ['pd_pm'], ['pd_pm']);
  }
  for (const startup of national.startup) {
    const community = communityOf.get(startup.id) ?? 0;
    const founder = addPerson(community, startup, ['entrepreneur'], ['entrepreneur'], {
      field: startup.field,
    });
    founderOf.set(startup.id, founder.id);
  }
  for (let i = 0; i < counts.students; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(community, ['university']);
    addPerson(community, home, ['student'], ['student'], {
      field: home.field ?? fieldOf(community),
    });
  }
}
