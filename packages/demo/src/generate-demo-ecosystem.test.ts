import { beforeAll, describe, expect, it } from 'vitest';
import { createGraphBuilder } from '#analytics/csr-graph.ts';
import { leiden } from '#analytics/leiden.ts';
import { normalizedMutualInformation } from '#analytics/partition-compare.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { PREFECTURES } from '#core/geo.ts';
import { isValidCorporateNumber, isValidRorId } from '#core/identifiers.ts';
import type { StoredRecord } from '#core/ports.ts';
import { RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import { generateActors } from './generate-actors.ts';
import { generateDemoEcosystem, type DemoEcosystem } from './generate-demo-ecosystem.ts';
import { stakeholderDiversity } from './generate-programmes.ts';
import { DEMO_CONSORTIUM } from './generate-consortium.ts';
import { KAKEN_REGISTER } from './kaken-register.ts';
import { PLANTED_COMMUNITIES } from './planted-communities.ts';
import { createRandom } from './random.ts';

function str(record: StoredRecord, field: string): string {
  return String(record[field]);
}

describe('generateDemoEcosystem at scale 1', () => {
  let eco: DemoEcosystem;
  let actors: Map<string, StoredRecord>;
  beforeAll(() => {
    eco = generateDemoEcosystem();
    actors = new Map(eco.actors.map((a) => [str(a, 'id'), a]));
  });

  it('has exactly the registry entities, and every record passes its schema unchanged', () => {
    expect(Object.keys(eco).sort()).toEqual([...ENTITY_NAMES].sort());
    for (const name of ENTITY_NAMES) {
      const schema = ENTITY_SPECS[name].schema;
      const failures = eco[name]
        .map((record) => ({ record, result: schema.safeParse(record) }))
        .filter(({ result }) => !result.success);
      expect(failures.slice(0, 3), name).toEqual([]);
      // records are already in parsed form (defaults filled), so storing and reading back is lossless
      const sample = eco[name].slice(0, 200);
      for (const record of sample) expect(schema.parse(record)).toEqual(record);
    }
  });

  it('has no duplicate identities', () => {
    for (const name of ENTITY_NAMES) {
      const keys = eco[name].map((record) => ENTITY_SPECS[name].keyOf(record));
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('holds the register’s KAKEN projects, each led by a demo researcher of its field and funded', () => {
    const kaken = eco.seeds.filter((s) => str(s, 'id').startsWith('kaken-KAKENHI-PROJECT-'));
    expect(kaken.map((s) => str(s, 'title')).sort()).toEqual(
      KAKEN_REGISTER.map((e) => e.title).sort(),
    );
    for (const project of kaken) {
      const pi = actors.get(str(project, 'ownerId'));
      expect(pi?.['kind']).toBe('person');
      expect(pi?.['flags']).toContain('researcher');
      expect(str(project, 'url')).toMatch(
        /^https:\/\/kaken\.nii\.ac\.jp\/grant\/KAKENHI-PROJECT-\d{2}[A-Z]\d{5}\/$/,
      );
      const grant = eco.funding.find(
        (f) => f['id'] === `fund-kaken-${str(project, 'id').slice(-8)}`,
      );
      expect(grant?.['recipientId']).toBe(project['ownerId']);
      expect(Number(grant?.['amount'])).toBeGreaterThan(0);
    }
    const inField = kaken.filter((s) => actors.get(str(s, 'ownerId'))?.['field'] === s['field']);
    expect(inField.length).toBe(kaken.length);
  });

  it('holds a consortium whose members receive funding', () => {
    const body = actors.get(DEMO_CONSORTIUM.id);
    expect(body?.['name']).toBe(DEMO_CONSORTIUM.name);
    const members = eco.relations
      .filter((r) => r['targetId'] === DEMO_CONSORTIUM.id)
      .map((r) => {
        expect(r['type']).toBe('membership');
        return str(r, 'sourceId');
      });
    expect(members.length).toBeGreaterThanOrEqual(5);
    expect(members).toContain('pref-220001');
    const funded = new Set(
      eco.funding.flatMap((f) => (typeof f['recipientId'] === 'string' ? [f['recipientId']] : [])),
    );
    const leads = new Set(
      eco.projects.flatMap((p) =>
        (p['members'] as { actorId: string; role: string }[])
          .filter((m) => m.role === 'lead')
          .map((m) => m.actorId),
      ),
    );
    expect(members.filter((m) => funded.has(m) || leads.has(m)).length).toBeGreaterThanOrEqual(3);
  });

  it('meets the size floors', () => {
    expect(eco.actors.length).toBeGreaterThanOrEqual(20_000);
    const members = eco.relations.filter((r) => r['targetId'] === DEMO_CONSORTIUM.id);
    expect(eco.relations.length - members.length).toBe(100_000);
    const kaken = eco.seeds.filter((s) => str(s, 'id').startsWith('kaken-KAKENHI-PROJECT-'));
    expect(kaken).toHaveLength(KAKEN_REGISTER.length);
    expect(eco.seeds.length - kaken.length).toBe(5_000);
    expect(eco.needs.length).toBe(2_000);
    expect(eco.projects.length).toBeGreaterThanOrEqual(300);
    expect(eco['support-measures'].length).toBeGreaterThanOrEqual(50);
    expect(eco.cases.length).toBeGreaterThanOrEqual(60);
    expect(eco.programmes.length).toBeGreaterThanOrEqual(6);
    // Each prefecture government owns its own programme (decision 019), 静岡県 (pref-220001) too.
    const owners = new Set(eco.programmes.map((p) => p['ownerId']));
    for (const p of PREFECTURES) expect(owners).toContain(`pref-${p.localGovernmentCode}`);
    expect(eco.adoptions.length).toBeGreaterThanOrEqual(150);
  });

  it('covers every sector, every relation type, every kind of actor and all 47 prefectures', () => {
    const sectors = new Set(eco.actors.map((a) => str(a, 'sector')));
    for (const sector of SECTORS.filter((s) => s !== 'other')) expect(sectors).toContain(sector);
    const types = new Set(eco.relations.map((r) => str(r, 'type')));
    expect([...types].sort()).toEqual([...RELATION_TYPES].sort());
    const flags = new Set(eco.actors.flatMap((a) => (a as Actor).flags));
    for (const flag of [
      'sme',
      'large',
      'startup',
      'university_venture',
      'regional_core',
      'anchor',
      'star_scientist',
      'researcher',
      'coordinator',
      'pd_pm',
      'entrepreneur',
      'student',
      'bank',
      'vc',
      'tlo',
      'incubator',
    ])
      expect(flags, flag).toContain(flag);
    const prefectures = new Set(eco.actors.map((a) => str(a, 'prefectureCode')));
    expect(prefectures.size).toBe(47);
    const governments = eco.actors.filter(
      (a) => a['sector'] === 'prefecture' && a['kind'] === 'organization',
    );
    expect(governments.map((g) => g['id']).sort()).toEqual(
      PREFECTURES.map((p) => `pref-${p.localGovernmentCode}`).sort(),
    );
  });

  it('keeps the real universities and ROR organisations with valid ids', () => {
    const universities = eco.actors.filter((a) => str(a, 'id').startsWith('univ-'));
    expect(universities.length).toBe(813);
    expect(universities.find((u) => u['name'] === '北海道大学')?.['prefectureCode']).toBe('01');
    const ror = eco.actors.filter((a) => typeof a['ror'] === 'string');
    expect(ror.length).toBeGreaterThan(3_000);
    for (const a of ror) expect(isValidRorId(str(a, 'ror'))).toBe(true);
    // dirty input fixed from the name: ROR placed 長野県南信農業試験場 in Kumamoto (43)
    expect(eco.actors.find((a) => a['name'] === '長野県南信農業試験場')?.['prefectureCode']).toBe(
      '20',
    );
  });

  it('gives companies unique valid 法人番号 and METI core-company inputs; researchers papers', () => {
    const synthetic = eco.actors.filter((a) => str(a, 'id').startsWith('co-')) as Actor[];
    const numbers = synthetic.map((c) => c.corporateNumber ?? '');
    expect(numbers.every(isValidCorporateNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const c of synthetic) {
      expect(c.employees).toBeTypeOf('number');
      expect(c.revenue).toBeTypeOf('number');
      expect(c.inRegionProcurementShare).toBeTypeOf('number');
      expect(c.outOfRegionSalesShare).toBeTypeOf('number');
      expect(c.growthRate).toBeTypeOf('number');
    }
    const people = eco.actors.filter((a) => a['kind'] === 'person') as Actor[];
    expect(people.every((p) => /^\S+ \S+$/u.test(p.name) && p.nameKana !== undefined)).toBe(true);
    const stars = people.filter((p) => p.flags.includes('star_scientist'));
    const others = people.filter(
      (p) => p.flags.includes('researcher') && !p.flags.includes('star_scientist'),
    );
    const mean = (list: Actor[]) => list.reduce((s, p) => s + (p.citations ?? 0), 0) / list.length;
    expect(mean(stars)).toBeGreaterThan(10 * mean(others));
    // stars are tied to ventures by spin-out or investment
    const ventureTies = new Set(
      eco.relations
        .filter((r) => r['type'] === 'spinout' || r['type'] === 'investment')
        .map((r) => str(r, 'sourceId')),
    );
    expect(stars.filter((s) => ventureTies.has(s.id)).length / stars.length).toBeGreaterThan(0.8);
  });

  it('references only existing records', () => {
    const missing: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) missing.push(what);
    };
    for (const r of eco.relations) {
      check(actors.has(str(r, 'sourceId')), `relation source ${str(r, 'sourceId')}`);
      check(actors.has(str(r, 'targetId')), `relation target ${str(r, 'targetId')}`);
    }
    for (const name of ['seeds', 'needs'] as const)
      for (const record of eco[name]) check(actors.has(str(record, 'ownerId')), `${name} owner`);
    const projects = new Set(eco.projects.map((p) => str(p, 'id')));
    const adoptions = new Set(eco.adoptions.map((a) => str(a, 'id')));
    const programmes = new Set(eco.programmes.map((p) => str(p, 'id')));
    for (const p of eco.programmes)
      if (p['ownerId'] !== undefined) check(actors.has(str(p, 'ownerId')), 'programme owner');
    for (const a of eco.adoptions) {
      check(programmes.has(str(a, 'programmeId')), 'adoption programme');
      if (a['coreInstitutionId'] !== undefined)
        check(actors.has(str(a, 'coreInstitutionId')), 'core institution');
    }
    for (const p of eco.projects) {
      if (p['adoptionId'] !== undefined)
        check(adoptions.has(str(p, 'adoptionId')), 'project adoption');
      for (const m of p['members'] as { actorId: string }[])
        check(actors.has(m.actorId), `member ${m.actorId}`);
    }
    for (const f of eco.funding) {
      for (const field of ['funderId', 'recipientId'])
        if (f[field] !== undefined) check(actors.has(str(f, field)), `funding ${field}`);
      if (f['projectId'] !== undefined) check(projects.has(str(f, 'projectId')), 'funding project');
      if (f['adoptionId'] !== undefined)
        check(adoptions.has(str(f, 'adoptionId')), 'funding adoption');
    }
    for (const m of eco['support-measures'])
      if (m['providerId'] !== undefined) check(actors.has(str(m, 'providerId')), 'provider');
    for (const c of eco.cases) {
      for (const id of c['actorIds'] as string[]) check(actors.has(id), `case actor ${id}`);
      for (const id of c['projectIds'] as string[]) check(projects.has(id), `case project ${id}`);
      for (const id of c['programmeIds'] as string[]) check(programmes.has(id), `case programme`);
    }
    expect(missing.slice(0, 10)).toEqual([]);
  });

  it('dates relations 2002–2025', () => {
    const years = eco.relations.map((r) => Number(str(r, 'startDate').slice(0, 4)));
    expect(Math.min(...years)).toBe(2002);
    expect(Math.max(...years)).toBe(2025);
  });

  it('crosses prefecture borders for a substantial share of relation weight', () => {
    let cross = 0;
    let total = 0;
    for (const r of eco.relations) {
      const weight = Number(r['weight']);
      total += weight;
      const a = actors.get(str(r, 'sourceId'));
      const b = actors.get(str(r, 'targetId'));
      if (a?.['prefectureCode'] !== b?.['prefectureCode']) cross += weight;
    }
    const share = cross / total;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
  });

  it('plants communities that span prefectures and that Leiden recovers better than prefectures', () => {
    const random = createRandom(20_250_401);
    const world = generateActors(random, 1);
    // same seed, same first stage: the world matches the ecosystem's actors (and the consortium)
    expect([...world.actors.map((a) => a.id), DEMO_CONSORTIUM.id]).toEqual(
      eco.actors.map((a) => a['id']),
    );
    const spanning = PLANTED_COMMUNITIES.filter((_, index) => {
      const prefectures = new Set(
        world.actors
          .filter((a) => world.communityOf.get(a.id) === index)
          .map((a) => a.prefectureCode),
      );
      return prefectures.size >= 2;
    });
    expect(PLANTED_COMMUNITIES.length).toBeGreaterThanOrEqual(25);
    expect(spanning.length).toBeGreaterThanOrEqual(15);
    expect(new Set(PLANTED_COMMUNITIES.flatMap((c) => c.prefectureCodes)).size).toBe(47);

    const builder = createGraphBuilder();
    for (const r of eco.relations)
      builder.addEdge(str(r, 'sourceId'), str(r, 'targetId'), Number(r['weight']));
    const { graph, ids } = builder.build();
    const found = Array.from(leiden(graph, { resolution: 1 }).membership);
    const planted = ids.map((id) => world.communityOf.get(id) ?? -1);
    const prefecture = ids.map((id) => str(actors.get(id) ?? {}, 'prefectureCode'));
    const withPlanted = normalizedMutualInformation(found, planted);
    const withPrefecture = normalizedMutualInformation(found, prefecture);
    expect(withPlanted).toBeGreaterThan(0.8);
    expect(withPlanted).toBeGreaterThan(withPrefecture + 0.05);
  });

  it('reproduces JAREC’s findings as tendencies, not rules', () => {
    const adoptions = eco.adoptions as Adoption[];
    const ended = adoptions.filter((a) => a.finalGrade !== undefined);
    const rate = (list: Adoption[], status: Adoption['continuation']) =>
      list.filter((a) => a.continuation === status).length / Math.max(1, list.length);
    const s = ended.filter((a) => a.finalGrade === 'S');
    const notS = ended.filter((a) => a.finalGrade !== 'S');
    expect(s.length).toBeGreaterThanOrEqual(10);
    expect(rate(s, 'successor')).toBeGreaterThan(rate(notS, 'successor') + 0.15);
    expect(rate(s, 'successor')).toBeLessThan(1); // not deterministic
    const noSuccessor = ended.filter((a) => a.continuation !== 'successor');
    const sorted = [...noSuccessor].sort(
      (a, b) => stakeholderDiversity(a) - stakeholderDiversity(b),
    );
    const half = Math.floor(sorted.length / 2);
    const low = sorted.slice(0, half);
    const high = sorted.slice(half);
    // Planted as a chance of 0.05 + 0.7 × diversity once no successor came: the halves' mean
    // chances differ by ≈ 0.08 (0.63 against 0.71), about one standard error of 83 adoptions each.
    expect(rate(high, 'continued_regional')).toBeGreaterThan(
      rate(low, 'continued_regional') + 0.05,
    );
    expect(rate(high, 'continued_regional')).toBeLessThan(1);
    expect(rate(low, 'continued_regional')).toBeGreaterThan(0);
    // every JAREC field is filled on ended adoptions
    for (const a of ended) {
      expect(a.universities.length).toBeGreaterThan(0);
      expect(a.researchThemes.length).toBeGreaterThan(0);
      expect(a.pdName && a.pdCareer && a.theme && a.coreInstitution).toBeTruthy();
      expect(a.budget).toBeGreaterThan(0);
      expect(a.lastActiveFy).toBeGreaterThanOrEqual(a.endFy ?? Number.POSITIVE_INFINITY);
    }
    const startYears = adoptions.map((a) => a.startFy);
    expect(Math.min(...startYears)).toBe(2002);
    expect(Math.max(...startYears)).toBe(2024);
  });

  it('writes Japanese texts of several sentences', () => {
    for (const seed of eco.seeds.slice(0, 100)) {
      expect(str(seed, 'abstract').split('。').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    }
    expect(eco.needs.map((n) => n['confidentiality'])).toEqual(
      expect.arrayContaining(['public', 'members', 'confidential']),
    );
    expect(eco.seeds.some((s) => str(s, 'abstract').includes('キレート樹脂'))).toBe(true);
  });
});

describe('generateDemoEcosystem determinism', () => {
  it('gives the same records for the same seed and different ones for another seed', () => {
    const a = generateDemoEcosystem({ seed: 7, scale: 0.05 });
    const b = generateDemoEcosystem({ seed: 7, scale: 0.05 });
    const c = generateDemoEcosystem({ seed: 8, scale: 0.05 });
    expect(b).toEqual(a);
    expect(c.relations).not.toEqual(a.relations);
    expect(c.actors).not.toEqual(a.actors);
  });

  it('refuses a scale outside (0, 10]', () => {
    expect(() => generateDemoEcosystem({ scale: 0 })).toThrow(RangeError);
  });
});
