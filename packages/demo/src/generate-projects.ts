/**
 * Demo projects with teams (members and roles), innovation paths and stages, and the success and
 * failure case stories (事例) drawn from them.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { CaseStory } from '#core/entities/case-story.ts';
import type { Project, ProjectMember } from '#core/entities/project.ts';
import type {
  Approach,
  CaseOutcome,
  InnovationPath,
  ProjectRole,
  ProjectStage,
} from '#core/vocabulary.ts';
import { FIELDS, fieldVocabulary } from './field-vocabulary.ts';
import { generateProjectManagement } from './generate-project-management.ts';
import type { ActorWorld, PoolKey, Pools } from './generate-actors.ts';
import type { AdoptionPlan } from './generate-programmes.ts';
import { PLANTED_COMMUNITIES, type PlantedCommunity } from './planted-communities.ts';
import type { Random } from './random.ts';

export interface ProjectPlan {
  project: Project;
  community: number;
  field: string;
  plan?: AdoptionPlan;
}

const PATHS: readonly InnovationPath[] = ['zero_to_one', 'one_to_hundred', 'hundred_to_infinity'];
const APPROACHES: readonly Approach[] = ['seeds_push', 'needs_pull'];

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Team slots in order; diverse teams fill more of them. */
const TEAM_SLOTS: readonly (readonly [role: ProjectRole, pools: readonly PoolKey[]])[] = [
  ['researcher', ['researcher', 'star_scientist']],
  ['company', ['sme', 'regional_core', 'large']],
  ['coordinator', ['coordinator']],
  ['government', ['prefecture', 'municipality']],
  ['finance', ['bank', 'vc']],
  ['support', ['support_org', 'public_research']],
  ['member', ['student', 'npo', 'school']],
];

export function generateProjects(
  random: Random,
  world: ActorWorld,
  adoptions: readonly AdoptionPlan[],
  total: number,
): ProjectPlan[] {
  const plans: ProjectPlan[] = [];
  const nationalCache = new Map<string, ActorInJapan[]>();
  const nationalOf = (keys: readonly PoolKey[]): ActorInJapan[] => {
    const cacheKey = keys.join(',');
    let list = nationalCache.get(cacheKey);
    if (!list) {
      list = keys.flatMap((k) => world.national[k]);
      nationalCache.set(cacheKey, list);
    }
    return list;
  };
  const communityIndexes = PLANTED_COMMUNITIES.map((_, i) => i);
  const communityWeights = PLANTED_COMMUNITIES.map((c) => c.weight);
  for (let i = 0; i < total; i++) {
    const plan = adoptions.length > 0 && random.chance(0.55) ? random.pick(adoptions) : undefined;
    const community = plan?.community ?? random.weighted(communityIndexes, communityWeights);
    const c = PLANTED_COMMUNITIES[community] as PlantedCommunity;
    const pools: Pools = world.pools[community] ?? world.national;
    const field = random.chance(0.75)
      ? random.weighted(c.fields, [2, 1])
      : random.pick(FIELDS).field;
    const v = fieldVocabulary(field);
    const path = random.weighted(PATHS, [3, 4, 2]);
    const approach = random.weighted(APPROACHES, path === 'zero_to_one' ? [3, 1] : [1, 2]);

    const startYear = plan
      ? random.int(plan.adoption.startFy, plan.adoption.endFy)
      : random.int(2004, 2024);
    const years = random.int(1, 5);
    const endYear = startYear + years;
    const startDate = iso(startYear, random.int(4, 12), random.int(1, 28));
    const endDate = iso(endYear, random.int(1, 3), random.int(1, 28));
    const finished = endYear <= 2025 && endDate < '2025-12-31';
    const stage: ProjectStage = finished
      ? random.weighted<ProjectStage>(['completed', 'commercialisation', 'stopped'], [4, 3, 2])
      : random.weighted<ProjectStage>(
          ['planning', 'research', 'development', 'demonstration'],
          [1, 3, 3, 2],
        );

    const members: ProjectMember[] = [];
    const used = new Set<string>();
    const addMember = (actor: ActorInJapan | undefined, role: ProjectRole) => {
      if (!actor || used.has(actor.id)) return;
      used.add(actor.id);
      members.push({ actorId: actor.id, role });
    };
    const pickFrom = (keys: readonly PoolKey[]): ActorInJapan | undefined => {
      const local = keys.flatMap((k) => pools[k]);
      if (local.length > 0) return random.pick(local);
      const all = nationalOf(keys);
      return all.length > 0 ? random.pick(all) : undefined;
    };
    // lead: a startup for 0→1, a company for needs-pull, otherwise a university or 公設試
    const lead =
      path === 'zero_to_one'
        ? pickFrom(['startup'])
        : approach === 'needs_pull'
          ? pickFrom(['sme', 'regional_core'])
          : pickFrom(['university', 'public_research']);
    addMember(lead, 'lead');
    const diversity = plan?.diversity ?? random.next();
    const slots = 2 + Math.round(diversity * (TEAM_SLOTS.length - 2) + random.normal() * 0.7);
    for (const [role, keys] of TEAM_SLOTS.slice(
      0,
      Math.max(1, Math.min(TEAM_SLOTS.length, slots)),
    )) {
      addMember(pickFrom(keys), role);
      if (role === 'company' && random.chance(0.4)) addMember(pickFrom(keys), role);
      if (role === 'researcher' && random.chance(0.5)) addMember(pickFrom(keys), role);
    }
    const subject = random.pick(v.subjects);
    const application = random.pick(v.applications);
    const title =
      path === 'zero_to_one'
        ? `${subject}技術による大学発ベンチャーの事業化`
        : path === 'one_to_hundred'
          ? `${random.pick(v.methods)}を活かした${application}向け新製品開発（第二創業）`
          : `${subject}の${application}分野での世界展開`;
    const prefectureCode = (lead ? lead.prefectureCode : undefined) ?? c.prefectureCodes[0] ?? '13';
    plans.push({
      community,
      field,
      ...(plan ? { plan } : {}),
      project: {
        id: `proj-${String(i + 1).padStart(4, '0')}`,
        title,
        description: [
          `${application}における${random.pick(v.problems)}の解決を目指し、${subject}に関する技術を事業化する。`,
          approach === 'seeds_push'
            ? '大学・公設試のシーズを起点に、用途を持つ企業と連携して試作・実証を進める。'
            : '地域企業の具体的なニーズを起点に、最適な技術シーズを地域内外から探索して組み合わせる。',
          `コーディネーターが伴走し、研究から事業化までの進捗とリスクを定期的に確認する。`,
        ].join(''),
        path,
        approach,
        stage,
        startDate,
        endDate,
        prefectureCode,
        ...(plan ? { adoptionId: plan.adoption.id } : {}),
        members,
        sdgs: random.sample(v.sdgs, random.int(1, v.sdgs.length)).sort((a, b) => a - b),
        budget: Math.round(random.logNormal(30_000_000, 0.9) / 100_000) * 100_000,
        source: 'demo',
      },
    });
  }
  for (const [index, p] of plans.entries())
    p.project = { ...p.project, ...generateProjectManagement(p.project, index) };
  return plans;
}

const SUCCESS_FACTORS: readonly string[] = [
  'コーディネーターによる伴走支援',
  '地域金融機関の早期参画',
  '出口となる企業が初期から参加',
  '公設試による試作・評価の支援',
  '自治体の継続的な予算措置',
  'スター研究者の関与',
  '県外の最適な研究者との連携',
  '事業終了前からの資金計画',
  'PDによる明確な地域ビジョンの共有',
  '地元高校・大学からの人材確保',
];

const FAILURE_FACTORS: readonly string[] = [
  '事業終了後の資金を確保できなかった',
  '出口企業が不在のまま研究が先行した',
  'コーディネーターの異動で連携が途切れた',
  '大学のみで構成され地域の関係者が少なかった',
  '市場調査が不十分だった',
  '量産化の技術課題を解決できなかった',
  '知的財産の取り扱いで合意できなかった',
  '事業化を担う人材が不足した',
];

const LESSONS_SUCCESS: readonly string[] = [
  '研究段階から事業化を担う企業と金融機関をチームに入れ、出口を共有したことが継続につながった。',
  '国の事業終了を見越して自治体と地元企業による共同出資の枠組みを作っておいたことが大きい。',
  '地域内に適任者がいない分野は県外の研究者と組み、最適な要素を選んだことが成果を生んだ。',
];

const LESSONS_FAILURE: readonly string[] = [
  '国の資金に依存した体制のままでは、事業終了とともに活動が止まってしまう。',
  '技術シーズだけでなく、顧客となる企業のニーズを最初に確かめるべきだった。',
  '関係者が大学に偏っており、自治体や金融機関を巻き込む仕組みが必要だった。',
];

export function generateCases(
  random: Random,
  projects: readonly ProjectPlan[],
  total: number,
): CaseStory[] {
  const finished = projects.filter((p) =>
    ['completed', 'commercialisation', 'stopped'].includes(p.project.stage),
  );
  const chosen = random.sample(finished.length > 0 ? finished : projects, total);
  return chosen.map((p, i) => {
    const outcome: CaseOutcome =
      p.project.stage === 'stopped'
        ? 'failure'
        : p.project.stage === 'commercialisation'
          ? 'success'
          : random.weighted<CaseOutcome>(['success', 'mixed', 'failure'], [2, 2, 1]);
    const factors =
      outcome === 'success'
        ? random.sample(SUCCESS_FACTORS, random.int(2, 4))
        : outcome === 'failure'
          ? random.sample(FAILURE_FACTORS, random.int(2, 3))
          : [...random.sample(SUCCESS_FACTORS, 1), ...random.sample(FAILURE_FACTORS, 1)];
    const community = PLANTED_COMMUNITIES[p.community] as PlantedCommunity;
    const label =
      outcome === 'success' ? '成功事例' : outcome === 'failure' ? '失敗事例' : '教訓事例';
    const year = Number((p.project.endDate ?? p.project.startDate ?? '2020').slice(0, 4));
    return {
      id: `case-${String(i + 1).padStart(3, '0')}`,
      title: `【${label}】${community.name}：${p.project.title}`,
      outcome,
      summary: [
        `${community.name}で${p.project.startDate?.slice(0, 4) ?? ''}年に始まった${p.field}分野のプロジェクト。`,
        outcome === 'success'
          ? `${factors[0] ?? ''}が奏功し、事業化と地域での雇用創出に至った。`
          : outcome === 'failure'
            ? `${factors[0] ?? ''}ことから、活動は事業終了とともに停止した。`
            : '技術的な成果は得られたが、事業としての自立は道半ばである。',
      ].join(''),
      factors,
      lessons: random.pick(outcome === 'failure' ? LESSONS_FAILURE : LESSONS_SUCCESS),
      actorIds: p.project.members.map((m) => m.actorId),
      projectIds: [p.project.id],
      programmeIds: p.plan ? [p.plan.adoption.programmeId] : [],
      prefectureCodes: [
        ...new Set([p.project.prefectureCode ?? community.prefectureCodes[0] ?? '13']),
      ],
      year: Math.min(2025, year),
      source: 'demo',
    };
  });
}
