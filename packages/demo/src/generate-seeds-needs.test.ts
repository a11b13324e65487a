import { beforeAll, describe, expect, it } from 'vitest';
import type { Need } from '#core/entities/need.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { ActorInJapan } from '#core/entities/actor.ts';
import { generateDemoEcosystem } from './generate-demo-ecosystem.ts';
import { FIELDS } from './field-vocabulary.ts';
import { NEED_PHRASES } from './need-phrases.ts';
import { SEED_TOPICS } from './seed-topics.ts';

const duplicates = (titles: readonly string[]): string[] => {
  const seen = new Set<string>();
  return titles.filter((title) => (seen.has(title) ? true : (seen.add(title), false)));
};

describe('the demo seeds and needs read true (full demo)', () => {
  let seeds: Seed[];
  let needs: Need[];
  let actors: Map<string, ActorInJapan>;
  /** A researcher's organisation (affiliation or employer); an organisation itself. */
  let organisationOf: (actor: ActorInJapan | undefined) => ActorInJapan | undefined;
  beforeAll(() => {
    const eco = generateDemoEcosystem();
    // the seeds the demo writes (KAKEN projects keep their real titles: generate-kaken-projects)
    seeds = (eco.seeds as Seed[]).filter((s) => s.source === 'demo');
    needs = eco.needs as Need[];
    actors = new Map((eco.actors as ActorInJapan[]).map((a) => [a.id, a]));
    const home = new Map<string, string>();
    for (const r of eco.relations as Relation[])
      if ((r.type === 'affiliation' || r.type === 'employment') && !home.has(r.sourceId))
        home.set(r.sourceId, r.targetId);
    organisationOf = (actor) =>
      actor?.kind === 'person' ? actors.get(home.get(actor.id) ?? '') : actor;
  });

  it('keeps the sizes', () => {
    expect(seeds).toHaveLength(5_000);
    expect(needs).toHaveLength(2_000);
  });

  it('gives no two seeds and no two needs the same title', () => {
    expect(duplicates(seeds.map((s) => s.title)).slice(0, 5)).toEqual([]);
    expect(duplicates(needs.map((n) => n.title)).slice(0, 5)).toEqual([]);
  });

  it('writes every seed in its owner’s field, from that field’s own topics', () => {
    const strays = seeds.filter((seed) => {
      const owner = actors.get(seed.ownerId ?? '');
      if (owner?.field !== undefined && seed.field !== owner.field) return true;
      const topics = SEED_TOPICS[seed.field ?? ''] ?? [];
      return !topics.some((t) => `${seed.title}${seed.abstract ?? ''}`.includes(t.subject));
    });
    expect(strays.slice(0, 3).map((s) => [s.title, s.field, s.ownerId])).toEqual([]);
  });

  it('gives each company need its owner’s industry, in that trade’s words', () => {
    const companyNeeds = needs.filter((n) => n.kind === 'company');
    expect(companyNeeds.length).toBeGreaterThan(1_000);
    const strays = companyNeeds.filter((need) => {
      const owner = actors.get(need.ownerId ?? '');
      if (owner?.field !== undefined && need.field !== owner.field) return true;
      const phrases = NEED_PHRASES[need.field ?? ''];
      return !phrases?.products.some((product) => need.title.includes(product));
    });
    expect(strays.slice(0, 3).map((n) => [n.title, n.field, n.ownerId])).toEqual([]);
    expect(companyNeeds.every((n) => FIELDS.some((f) => f.field === n.field))).toBe(true);
  });

  it('draws each need’s keywords from its own words, not its owner’s field', () => {
    const strays = needs.filter(
      (n) => n.keywords.length === 0 || n.keywords.some((k) => !n.title.includes(k)),
    );
    expect(strays.slice(0, 3).map((n) => [n.title, n.keywords])).toEqual([]);
    // The case that showed it: a 商店街 need tagged センサーネットワーク by its owner's field.
    const shopping = needs.filter((n) => n.title.includes('商店街'));
    expect(shopping.length).toBeGreaterThan(0);
    expect(shopping.flatMap((n) => n.keywords).filter((k) => /センサ/u.test(k))).toEqual([]);
  });

  it('lets no arts or humanities school own technology seeds', () => {
    const owners = seeds.map((s) => actors.get(s.ownerId ?? '')?.name ?? '');
    expect(owners.filter((name) => /音楽|芸術|美術|外国語/u.test(name))).toEqual([]);
  });

  it('gives seeds only to bodies that research, in the fields their names and places allow', () => {
    const owned = seeds.map((seed) => ({
      seed,
      owner: organisationOf(actors.get(seed.ownerId ?? '')),
    }));
    const where = (found: typeof owned) =>
      found.slice(0, 3).map(({ seed, owner }) => [owner?.name, seed.field, seed.title]);
    // ROR lists these beside the national laboratories; a fashion school teaches no technology.
    const governing = /議院|年金積立金|新聞社|統計センター|国立印刷局|生涯学習|服飾/u;
    expect(where(owned.filter(({ owner }) => governing.test(owner?.name ?? '')))).toEqual([]);
    const ceramics = owned.filter(({ owner }) => /窯業|陶磁|セラミックス/u.test(owner?.name ?? ''));
    expect(ceramics.length).toBeGreaterThan(0);
    expect(where(ceramics.filter(({ seed }) => seed.field !== '材料'))).toEqual([]);
    const fisheries = owned.filter(({ owner }) => /水産/u.test(owner?.name ?? ''));
    expect(fisheries.length).toBeGreaterThan(0);
    expect(where(fisheries.filter(({ seed }) => seed.field !== '海洋・水産'))).toEqual([]);
    // No sea in 栃木, 群馬, 埼玉, 山梨, 長野, 岐阜, 滋賀, 奈良: fisheries only where a name says so.
    const inland = owned.filter(
      ({ seed, owner }) =>
        seed.field === '海洋・水産' &&
        ['09', '10', '11', '19', '20', '21', '25', '29'].includes(seed.prefectureCode ?? '') &&
        !/水産|内水面|漁業|湖/u.test(owner?.name ?? ''),
    );
    expect(where(inland)).toEqual([]);
    const rareSugar = owned.filter(({ seed }) => seed.field === '希少糖');
    expect(rareSugar.length).toBeGreaterThan(0);
    expect(where(rareSugar.filter(({ seed }) => seed.prefectureCode !== '37'))).toEqual([]);
  });

  it('writes needs in plain words, without the seeds’ research register', () => {
    const register = /本研究|解明|高性能化|に関する研究/u;
    expect(needs.filter((n) => register.test(n.title)).map((n) => n.title)).toEqual([]);
    expect(
      needs.filter((n) => !/(たい|ほしい)(（.+）)?$/u.test(n.title)).map((n) => n.title),
    ).toEqual([]);
  });
});
