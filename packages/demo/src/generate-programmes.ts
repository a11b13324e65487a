/**
 * Real national programmes for regional science & technology innovation and synthetic adoptions
 * (採択) under them, 2002–2024, carrying every field of the JAREC continuation survey. Outcomes are
 * drawn so that JAREC's two findings hold as tendencies, not rules: an S final grade makes a
 * successor programme more likely; diverse stakeholders (not only universities) make continuation
 * with regional money more likely.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { Adoption, ResearchTheme } from '#core/entities/adoption.ts';
import type { Programme } from '#core/entities/programme.ts';
import { NATIONAL_PROGRAMMES } from '#core/programme-catalogue.ts';
import { PREFECTURES } from '#core/geo.ts';
import type { ContinuationStatus, Grade } from '#core/vocabulary.ts';
import { fieldVocabulary } from './field-vocabulary.ts';
import type { ActorWorld } from './generate-actors.ts';
import { PD_CAREERS, RESEARCHER_POSITIONS, personName } from './japanese-names.ts';
import { PLANTED_COMMUNITIES, type PlantedCommunity } from './planted-communities.ts';
import type { Random } from './random.ts';

interface ProgrammeSpec {
  programme: Programme;
  /** Fiscal years in which regions were adopted. */
  adoptionYears: readonly number[];
  adoptions: number;
  /** Duration in fiscal years. */
  years: readonly [number, number];
  /** Median budget per year (JPY). */
  budgetPerYear: number;
  /** Funding ministry/agency actor id. */
  funderId: string;
  /** Whether adoptions span the whole community (広域) rather than one prefecture. */
  wideArea: boolean;
  successor?: string;
  regionSuffix: string;
}

/** A programme of the national catalogue, marked as the demo's copy. */
function catalogueProgramme(id: string): Programme {
  const found = NATIONAL_PROGRAMMES.find((p) => p.id === id);
  if (!found) throw new Error(`no programme ${id} in the national catalogue`);
  return { ...found, source: 'demo (real programme names; adoption records are synthetic)' };
}

export const PROGRAMME_SPECS: readonly ProgrammeSpec[] = [
  {
    programme: catalogueProgramme('prog-rsp'),
    adoptionYears: [2002, 2003, 2004],
    adoptions: 12,
    years: [3, 5],
    budgetPerYear: 60_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    successor: '都市エリア産学官連携促進事業',
    regionSuffix: '地域',
  },
  {
    programme: catalogueProgramme('prog-kesshu'),
    adoptionYears: [2002, 2003, 2004, 2005],
    adoptions: 14,
    years: [5, 5],
    budgetPerYear: 300_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    successor: '地域イノベーション戦略支援プログラム',
    regionSuffix: '地域',
  },
  {
    programme: catalogueProgramme('prog-chiteki-cluster'),
    adoptionYears: [2002, 2003, 2004, 2007, 2008],
    adoptions: 24,
    years: [5, 5],
    budgetPerYear: 500_000_000,
    funderId: 'gov-mext',
    wideArea: true,
    successor: '地域イノベーションクラスタープログラム',
    regionSuffix: 'クラスター',
  },
  {
    programme: catalogueProgramme('prog-toshi-area'),
    adoptionYears: [2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009],
    adoptions: 40,
    years: [3, 3],
    budgetPerYear: 100_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    successor: '地域イノベーション戦略支援プログラム',
    regionSuffix: 'エリア',
  },
  {
    programme: catalogueProgramme('prog-sangyo-cluster'),
    adoptionYears: [2002, 2006],
    adoptions: 18,
    years: [4, 5],
    budgetPerYear: 200_000_000,
    funderId: 'gov-meti',
    wideArea: true,
    successor: '地域中核企業創出・支援事業',
    regionSuffix: 'プロジェクト',
  },
  {
    programme: catalogueProgramme('prog-innov-cluster'),
    adoptionYears: [2010],
    adoptions: 10,
    years: [3, 3],
    budgetPerYear: 250_000_000,
    funderId: 'gov-mext',
    wideArea: true,
    successor: '地域イノベーション戦略支援プログラム',
    regionSuffix: 'クラスター',
  },
  {
    programme: catalogueProgramme('prog-innov-senryaku'),
    adoptionYears: [2011, 2012, 2013],
    adoptions: 30,
    years: [5, 5],
    budgetPerYear: 150_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    successor: '地域イノベーション・エコシステム形成プログラム',
    regionSuffix: '地域',
  },
  {
    programme: catalogueProgramme('prog-ecosystem'),
    adoptionYears: [2016, 2017, 2018],
    adoptions: 20,
    years: [5, 5],
    budgetPerYear: 170_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    successor: '共創の場形成支援プログラム（COI-NEXT）',
    regionSuffix: 'エコシステム',
  },
  {
    programme: catalogueProgramme('prog-coi'),
    adoptionYears: [2013, 2014],
    adoptions: 12,
    years: [8, 9],
    budgetPerYear: 400_000_000,
    funderId: 'gov-mext',
    wideArea: true,
    successor: '共創の場形成支援プログラム（COI-NEXT）',
    regionSuffix: '拠点',
  },
  {
    programme: catalogueProgramme('prog-coi-next'),
    adoptionYears: [2020, 2021, 2022, 2023],
    adoptions: 16,
    years: [8, 10],
    budgetPerYear: 250_000_000,
    funderId: 'gov-mext',
    wideArea: true,
    regionSuffix: '共創拠点',
  },
  {
    programme: catalogueProgramme('prog-chuukaku'),
    adoptionYears: [2016, 2017],
    adoptions: 16,
    years: [2, 3],
    budgetPerYear: 60_000_000,
    funderId: 'gov-meti',
    wideArea: false,
    successor: '地域中核企業ローカルイノベーション支援事業',
    regionSuffix: 'プロジェクト',
  },
  {
    programme: catalogueProgramme('prog-sapoin'),
    adoptionYears: [2008, 2010, 2012, 2014, 2016, 2018, 2020],
    adoptions: 20,
    years: [2, 3],
    budgetPerYear: 40_000_000,
    funderId: 'gov-sme',
    wideArea: false,
    successor: '成長型中小企業等研究開発支援事業（Go-Tech事業）',
    regionSuffix: 'プロジェクト',
  },
  {
    programme: catalogueProgramme('prog-start'),
    adoptionYears: [2012, 2014, 2016, 2018, 2020, 2022],
    adoptions: 14,
    years: [2, 3],
    budgetPerYear: 50_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    regionSuffix: 'プロジェクト',
  },
  {
    programme: catalogueProgramme('prog-j-peaks'),
    adoptionYears: [2023, 2024],
    adoptions: 8,
    years: [5, 5],
    budgetPerYear: 1_000_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    regionSuffix: '',
  },
];

export const LAST_OBSERVED_FY = 2025;

/** P(successor programme | final grade): JAREC finding 1, as a tendency. */
const SUCCESSOR_RATE: Record<Grade, number> = { S: 0.6, A: 0.32, B: 0.15, C: 0.05 };

/**
 * Diversity of an adoption's stakeholders (0..1): the share of participants that are not
 * universities (companies, local government, foundations, 公設試).
 */
export function stakeholderDiversity(
  adoption: Pick<Adoption, 'universities' | 'participatingOrgs' | 'participatingCompanies'>,
): number {
  const total = (adoption.participatingOrgs ?? 0) + (adoption.participatingCompanies ?? 0);
  if (total === 0) return 0;
  return Math.max(0, Math.min(1, 1 - adoption.universities.length / total));
}

function gradeOf(score: number): Grade {
  if (score > 1.2) return 'S';
  if (score > 0.1) return 'A';
  if (score > -1.0) return 'B';
  return 'C';
}

export interface AdoptionPlan {
  /** The demo always knows when its adoptions end. */
  adoption: Adoption & { endFy: number };
  community: number;
  funderId: string;
  /** Latent diversity used to staff projects. */
  diversity: number;
}

export function generateProgrammes(): Programme[] {
  return PROGRAMME_SPECS.map((spec) => spec.programme);
}

export function generateAdoptions(random: Random, world: ActorWorld): AdoptionPlan[] {
  const plans: AdoptionPlan[] = [];
  const prefectureByCode = new Map(PREFECTURES.map((p) => [p.code, p]));
  const communityIndexes = PLANTED_COMMUNITIES.map((_, i) => i);
  const communityWeights = PLANTED_COMMUNITIES.map((c) => c.weight);
  let sequence = 0;
  for (const spec of PROGRAMME_SPECS) {
    for (let n = 0; n < spec.adoptions; n++) {
      const community = random.weighted(communityIndexes, communityWeights);
      const c = PLANTED_COMMUNITIES[community] as PlantedCommunity;
      const pools = world.pools[community] ?? world.national;
      const startFy = random.pick(spec.adoptionYears);
      const endFy = startFy + random.int(spec.years[0], spec.years[1]) - 1;
      const prefectureCodes =
        spec.wideArea && c.prefectureCodes.length > 1
          ? c.prefectureCodes.slice(0, random.int(2, c.prefectureCodes.length))
          : [
              random.weighted(
                c.prefectureCodes,
                c.prefectureCodes.map((_, i) => (i === 0 ? 3 : 1)),
              ),
            ];
      const mainPrefecture = prefectureByCode.get(prefectureCodes[0] ?? '13');
      const field = random.weighted(c.fields, [3, 2]);
      const v = fieldVocabulary(field);
      const areaName = spec.wideArea
        ? (c.name.split(' ')[0] ?? c.name)
        : random.chance(0.5)
          ? (mainPrefecture?.shortName ?? '')
          : pickCityName(
              random,
              pools.municipality.filter((m) => m.prefectureCode === mainPrefecture?.code),
              mainPrefecture?.shortName ?? '',
            );
      const regionName = `${areaName}${spec.regionSuffix}`.trim() || `${c.name}`;
      const universitiesInArea = pools.university.filter((u) =>
        prefectureCodes.includes(u.prefectureCode),
      );
      const universityList = random.sample(
        universitiesInArea.length > 0
          ? universitiesInArea
          : pools.university.length > 0
            ? pools.university
            : world.national.university,
        random.int(1, 4),
      );
      const foundations = pools.support_org.filter(
        (s) => prefectureCodes.includes(s.prefectureCode) && s.name.includes('産業振興'),
      );
      const core: ActorInJapan | undefined =
        random.chance(0.6) && foundations.length > 0 ? random.pick(foundations) : universityList[0];
      const pd = pools.pd_pm.length > 0 ? random.pick(pools.pd_pm) : undefined;
      const pdName = pd?.name ?? personName(random).name;

      const diversity = random.next();
      const participatingCompanies = Math.max(
        0,
        Math.round(2 + diversity * 38 * (0.8 + random.next() * 0.4)),
      );
      const otherOrgs = Math.max(0, Math.round(diversity * 10 * (0.8 + random.next() * 0.4)));
      const participatingOrgs = universityList.length + otherOrgs;

      const researchers = pools.researcher.concat(pools.star_scientist);
      const themes: ResearchTheme[] = [];
      for (let t = 0; t < random.int(2, 6); t++) {
        const lead = researchers.length > 0 ? random.pick(researchers) : undefined;
        const affiliation = lead
          ? world.byId.get(world.homeOf.get(lead.id) ?? '')?.name
          : undefined;
        themes.push({
          title: `${random.pick(v.methods)}による${random.pick(v.subjects)}の${random.pick(['高度化', '実用化研究', '事業化', '応用展開'])}`,
          ...(lead ? { leadResearcher: lead.name } : {}),
          ...(affiliation ? { affiliation } : {}),
          position: random.pick(RESEARCHER_POSITIONS),
        });
      }

      const ongoing = endFy >= LAST_OBSERVED_FY;
      const quality = random.normal();
      const interimGrade =
        endFy - startFy >= 2 ? gradeOf(quality + random.normal() * 0.6) : undefined;
      const finalGrade = ongoing ? undefined : gradeOf(quality + random.normal() * 0.4);
      let continuation: ContinuationStatus = 'ongoing';
      let successorProgram: string | undefined;
      let lastActiveFy = Math.min(endFy, LAST_OBSERVED_FY);
      if (!ongoing && finalGrade) {
        if (spec.successor && random.chance(SUCCESSOR_RATE[finalGrade])) {
          continuation = 'successor';
          successorProgram = spec.successor;
          lastActiveFy = Math.min(LAST_OBSERVED_FY, endFy + random.int(3, 8));
        } else if (random.chance(0.05 + 0.7 * diversity)) {
          continuation = 'continued_regional';
          lastActiveFy = Math.min(LAST_OBSERVED_FY, endFy + random.int(2, 10));
        } else if (random.chance(0.08)) {
          continuation = 'unknown';
        } else {
          continuation = 'stopped';
          lastActiveFy = Math.min(LAST_OBSERVED_FY, endFy + random.int(0, 1));
        }
      }
      const budget =
        Math.round(
          (spec.budgetPerYear * (endFy - startFy + 1) * random.logNormal(1, 0.3)) / 1_000_000,
        ) * 1_000_000;
      sequence += 1;
      plans.push({
        community,
        funderId: spec.funderId,
        diversity,
        adoption: {
          id: `adopt-${String(sequence).padStart(4, '0')}`,
          programmeId: spec.programme.id,
          regionName,
          prefectureCodes,
          theme: `${random.pick(v.subjects)}を核とした${random.pick(v.applications)}${random.pick(['産業の創出', '分野の新事業創出', 'クラスターの形成', 'の社会実装'])}`,
          ...(core ? { coreInstitution: core.name, coreInstitutionId: core.id } : {}),
          startFy,
          endFy,
          budget,
          ...(interimGrade ? { interimGrade } : {}),
          ...(finalGrade ? { finalGrade } : {}),
          universities: universityList.map((u) => u.name),
          pdName,
          pdCareer: random.pick(PD_CAREERS),
          researchThemes: themes,
          participatingOrgs,
          participatingCompanies,
          ...(successorProgram ? { successorProgram } : {}),
          continuation,
          lastActiveFy,
          source: 'demo',
        },
      });
    }
  }
  return plans;
}

function pickCityName(
  random: Random,
  municipalities: readonly ActorInJapan[],
  fallback: string,
): string {
  const cities = municipalities.filter((m) => /市$/u.test(m.name));
  return cities.length > 0 ? random.pick(cities).name.replace(/市$/u, '') : fallback;
}
