/**
 * Demo funding flows per fiscal year by source type: national programme money to adoptions with
 * regional matching funds, regional money after the end for activities that continued, and the
 * mix of sources behind projects (VC, gap funds, banks, companies, crowdfunding…).
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import { PREFECTURES } from '#core/geo.ts';
import type { FundingSourceType } from '#core/vocabulary.ts';
import type { ActorWorld, PoolKey } from './generate-actors.ts';
import type { AdoptionPlan } from './generate-programmes.ts';
import { LAST_OBSERVED_FY } from './generate-programmes.ts';
import type { ProjectPlan } from './generate-projects.ts';
import type { Random } from './random.ts';

const PROJECT_SOURCES: Record<
  string,
  readonly (readonly [source: FundingSourceType, funders: readonly PoolKey[], weight: number])[]
> = {
  zero_to_one: [
    ['vc', ['vc'], 4],
    ['gap_fund', ['university', 'support_org'], 3],
    ['national_programme', ['national_government'], 3],
    ['equity', ['large'], 1],
    ['crowdfunding', [], 1],
  ],
  one_to_hundred: [
    ['bank', ['bank'], 4],
    ['company', ['sme', 'regional_core'], 3],
    ['prefecture', ['prefecture'], 2],
    ['municipality', ['municipality'], 1],
    ['crowdfunding', [], 1],
  ],
  hundred_to_infinity: [
    ['company', ['large', 'regional_core'], 4],
    ['bank', ['bank'], 2],
    ['consortium', ['support_org'], 2],
    ['foundation', ['npo', 'support_org'], 1],
  ],
};

export function generateFunding(
  random: Random,
  world: ActorWorld,
  adoptions: readonly AdoptionPlan[],
  projects: readonly ProjectPlan[],
): FundingFlow[] {
  const flows: FundingFlow[] = [];
  const prefectureActor = new Map(
    PREFECTURES.map((p) => [p.code, `pref-${p.localGovernmentCode}`]),
  );
  const cache = new Map<string, ActorInJapan[]>();
  const candidatesOf = (
    community: number | undefined,
    keys: readonly PoolKey[],
  ): ActorInJapan[] => {
    const cacheKey = `${community ?? 'all'}|${keys.join(',')}`;
    let list = cache.get(cacheKey);
    if (!list) {
      const pools =
        community === undefined ? world.national : (world.pools[community] ?? world.national);
      list = keys.flatMap((key) => pools[key]);
      cache.set(cacheKey, list);
    }
    return list;
  };
  let sequence = 0;
  const nextId = () => `fund-${String(++sequence).padStart(6, '0')}`;
  const million = (value: number) => Math.max(100_000, Math.round(value / 100_000) * 100_000);

  for (const plan of adoptions) {
    const a = plan.adoption;
    const years = a.endFy - a.startFy + 1;
    const perYear = (a.budget ?? 100_000_000) / years;
    const prefectureId = prefectureActor.get(a.prefectureCodes[0] ?? '13');
    const recipient = a.coreInstitutionId ? { recipientId: a.coreInstitutionId } : {};
    for (let fy = a.startFy; fy <= Math.min(a.endFy, LAST_OBSERVED_FY); fy++) {
      flows.push({
        id: nextId(),
        sourceType: 'national_programme',
        funderId: plan.funderId,
        ...recipient,
        adoptionId: a.id,
        fiscalYear: fy,
        amount: million(perYear * (0.8 + random.next() * 0.4)),
        currency: 'JPY',
        note: '国の委託費・補助金',
        source: 'demo',
      });
      flows.push({
        id: nextId(),
        sourceType: 'prefecture',
        ...(prefectureId ? { funderId: prefectureId } : {}),
        ...recipient,
        adoptionId: a.id,
        fiscalYear: fy,
        amount: million(perYear * (0.1 + random.next() * 0.25)),
        currency: 'JPY',
        note: '地域負担（マッチングファンド）',
        source: 'demo',
      });
    }
    if (a.continuation === 'continued_regional' && a.lastActiveFy !== undefined) {
      const pools = world.pools[plan.community] ?? world.national;
      for (let fy = a.endFy + 1; fy <= a.lastActiveFy; fy++) {
        const sourceType = random.weighted<FundingSourceType>(
          ['prefecture', 'municipality', 'company', 'bank', 'consortium'],
          [4, 2, 3, 1, 2],
        );
        const funderPool =
          sourceType === 'prefecture'
            ? []
            : sourceType === 'municipality'
              ? pools.municipality
              : sourceType === 'company'
                ? pools.regional_core.concat(pools.large)
                : sourceType === 'bank'
                  ? pools.bank
                  : pools.support_org;
        const funderId =
          sourceType === 'prefecture'
            ? prefectureId
            : funderPool.length > 0
              ? random.pick(funderPool).id
              : undefined;
        flows.push({
          id: nextId(),
          sourceType,
          ...(funderId ? { funderId } : {}),
          ...recipient,
          adoptionId: a.id,
          fiscalYear: fy,
          amount: million(perYear * (0.05 + random.next() * 0.2)),
          currency: 'JPY',
          note: '事業終了後の地域資金による継続',
          source: 'demo',
        });
      }
    }
  }

  for (const { project, community } of projects) {
    const sources = PROJECT_SOURCES[project.path ?? 'one_to_hundred'] ?? [];
    const lead = project.members[0]?.actorId;
    const startYear = Number((project.startDate ?? '2015').slice(0, 4));
    const endYear = Math.min(LAST_OBSERVED_FY, Number((project.endDate ?? '2016').slice(0, 4)));
    for (let fy = startYear; fy <= endYear; fy++) {
      for (let k = 0; k < random.int(1, 2); k++) {
        const [sourceType, funders] = random.weighted(
          sources,
          sources.map((s) => s[2]),
        );
        const candidates = candidatesOf(community, funders);
        const fallback = candidatesOf(undefined, funders);
        const funder =
          candidates.length > 0
            ? random.pick(candidates)
            : fallback.length > 0
              ? random.pick(fallback)
              : undefined;
        flows.push({
          id: nextId(),
          sourceType,
          ...(funder ? { funderId: funder.id } : {}),
          ...(lead ? { recipientId: lead } : {}),
          projectId: project.id,
          ...(project.adoptionId ? { adoptionId: project.adoptionId } : {}),
          fiscalYear: fy,
          amount: million(((project.budget ?? 10_000_000) / 3) * random.logNormal(1, 0.5)),
          currency: 'JPY',
          source: 'demo',
        });
      }
    }
  }
  return flows;
}
