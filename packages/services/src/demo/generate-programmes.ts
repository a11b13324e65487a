/**
 * Real national programmes for regional science & technology innovation and synthetic adoptions
 * (採択) under them, 2002–2024, carrying every field of the JAREC continuation survey. Outcomes are
 * drawn so that JAREC's two findings hold as tendencies, not rules: an S final grade makes a
 * successor programme more likely; diverse stakeholders (not only universities) make continuation
 * with regional money more likely.
 */
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption, ResearchTheme } from '#core/entities/adoption.ts';
import type { Programme } from '#core/entities/programme.ts';
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

function programme(
  id: string,
  name: string,
  nameEn: string,
  ministry: string,
  startFy: number,
  endFy: number | undefined,
  type: string,
  description: string,
): Programme {
  return {
    id,
    name,
    nameEn,
    ministry,
    startFy,
    ...(endFy !== undefined ? { endFy } : {}),
    type,
    description,
    source: 'demo (real programme names; adoption records are synthetic)',
  };
}

export const PROGRAMME_SPECS: readonly ProgrammeSpec[] = [
  {
    programme: programme(
      'prog-rsp',
      '地域研究開発促進拠点支援事業（RSP事業）',
      'Regional Science Promoter Programme (RSP)',
      'JST',
      1996,
      2008,
      'rsp',
      'コーディネータを配置し、地域の研究開発ポテンシャルを掘り起こして産学官のネットワークを構築する事業。',
    ),
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
    programme: programme(
      'prog-kesshu',
      '地域結集型共同研究事業',
      'Collaboration of Regional Entities for the Advancement of Technological Excellence',
      'JST',
      1997,
      2010,
      'cluster',
      '都道府県が選定した中核機関を核に、大学・公設試・企業が結集して共同研究を行う事業。',
    ),
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
    programme: programme(
      'prog-chiteki-cluster',
      '知的クラスター創成事業',
      'Knowledge Cluster Initiative',
      '文部科学省',
      2002,
      2010,
      'cluster',
      '地域の大学を核に、関係研究機関・研究開発型企業等による国際競争力のある技術革新のための集積（知的クラスター）を創成する事業。',
    ),
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
    programme: programme(
      'prog-toshi-area',
      '都市エリア産学官連携促進事業',
      'City Area Program',
      '文部科学省',
      2002,
      2010,
      'cluster',
      '地域の個性発揮を重視し、大学等の「知恵」を活用して新技術シーズを生み出し、新規事業等を創出する事業。',
    ),
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
    programme: programme(
      'prog-sangyo-cluster',
      '産業クラスター計画',
      'Industrial Cluster Project',
      '経済産業省',
      2001,
      2009,
      'cluster',
      '地域の中堅中小企業・ベンチャー企業が大学等の知恵を活用し、産業集積（クラスター）を形成する計画。',
    ),
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
    programme: programme(
      'prog-innov-cluster',
      '地域イノベーションクラスタープログラム',
      'Regional Innovation Cluster Program',
      '文部科学省',
      2010,
      2012,
      'cluster',
      '知的クラスター創成事業と都市エリア産学官連携促進事業を発展的に統合したプログラム。',
    ),
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
    programme: programme(
      'prog-innov-senryaku',
      '地域イノベーション戦略支援プログラム',
      'Regional Innovation Strategy Support Program',
      '文部科学省',
      2011,
      2017,
      'strategy',
      '地域イノベーション戦略推進地域として選定された地域の、地域主導の優れた構想を支援するプログラム。',
    ),
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
    programme: programme(
      'prog-ecosystem',
      '地域イノベーション・エコシステム形成プログラム',
      'Program for Building Regional Innovation Ecosystems',
      '文部科学省',
      2016,
      2022,
      'ecosystem',
      '地域の成長に貢献しようとする地域大学に事業プロデュースチームを創設し、地域の競争力の源泉となるコア技術等を核に事業化を推進するプログラム。',
    ),
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
    programme: programme(
      'prog-coi',
      'センター・オブ・イノベーション（COI）プログラム',
      'Center of Innovation Program',
      'JST',
      2013,
      2021,
      'coi',
      '10年後の目指すべき社会像を見据えたビジョン主導型のチャレンジング・ハイリスクな研究開発を支援するプログラム。',
    ),
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
    programme: programme(
      'prog-coi-next',
      '共創の場形成支援プログラム（COI-NEXT）',
      'Program on Open Innovation Platform for Industry-academia Co-creation (COI-NEXT)',
      'JST',
      2020,
      undefined,
      'coi',
      '大学等を中心とし、ビジョン主導・バックキャスト型で産学官共創拠点を形成するプログラム。',
    ),
    adoptionYears: [2020, 2021, 2022, 2023],
    adoptions: 16,
    years: [8, 10],
    budgetPerYear: 250_000_000,
    funderId: 'gov-mext',
    wideArea: true,
    regionSuffix: '共創拠点',
  },
  {
    programme: programme(
      'prog-chuukaku',
      '地域中核企業創出・支援事業',
      'Support for Regional Core Companies',
      '経済産業省',
      2016,
      2018,
      'core_company',
      '地域経済を牽引する地域中核企業候補の事業化を、支援人材・ネットワークにより支援する事業。',
    ),
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
    programme: programme(
      'prog-sapoin',
      '戦略的基盤技術高度化支援事業（サポイン事業）',
      'Strategic Core Technology Advancement Program (Supporting Industry Program)',
      '中小企業庁',
      2006,
      2021,
      'matching',
      '中小企業のものづくり基盤技術の高度化に資する研究開発から試作までを支援する事業。',
    ),
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
    programme: programme(
      'prog-start',
      '大学発新産業創出プログラム（START）',
      'Program for Creating STart-ups from Advanced Research and Technology',
      'JST',
      2012,
      undefined,
      'startup',
      '事業プロモーターのマネジメントのもと、大学等の研究成果の事業化と大学発ベンチャーの創出を支援するプログラム。',
    ),
    adoptionYears: [2012, 2014, 2016, 2018, 2020, 2022],
    adoptions: 14,
    years: [2, 3],
    budgetPerYear: 50_000_000,
    funderId: 'gov-mext',
    wideArea: false,
    regionSuffix: 'プロジェクト',
  },
  {
    programme: programme(
      'prog-j-peaks',
      '地域中核・特色ある研究大学強化促進事業（J-PEAKS）',
      'Initiative for Realizing Diversity of Research Universities (J-PEAKS)',
      '文部科学省',
      2023,
      undefined,
      'university',
      '地域の中核大学や特定分野に強みを持つ大学が、研究力と社会実装を両輪で強化する取組を支援する事業。',
    ),
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
  adoption: Adoption;
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
      const core: Actor | undefined =
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

function pickCityName(random: Random, municipalities: readonly Actor[], fallback: string): string {
  const cities = municipalities.filter((m) => /市$/u.test(m.name));
  return cities.length > 0 ? random.pick(cities).name.replace(/市$/u, '') : fallback;
}
