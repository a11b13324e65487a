/**
 * KAKEN projects (研究課題) in the demo: the real KAKENHI projects of the register, each as the KAKEN
 * connector records one — a research seed of its principal investigator (id
 * `kaken-KAKENHI-PROJECT-…`, KAKEN's address) and the grant as a funding flow of its first fiscal
 * year — so `analyze strengths --measure kaken` has units to count. The investigators are demo
 * researchers of the project's field, the amounts drawn in the range of the 若手研究 grants.
 * Drawn from their own stream: the rest of the demo stays as it was.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { ActorWorld } from './actor-world.ts';
import { KAKEN_REGISTER } from './kaken-register.ts';
import { createRandom } from './random.ts';

/** Where the demo's KAKEN records say they come from: made by the demo, shaped like KAKEN's. */
export const DEMO_KAKEN_SOURCE = 'demo (KAKEN)';

/** The register's projects started in FY2019. */
const START_FY = 2019;

export interface KakenProjects {
  seeds: Seed[];
  funding: FundingFlow[];
}

export function generateKakenProjects(seed: number, world: ActorWorld): KakenProjects {
  const random = createRandom(seed + 21);
  const researchers = world.national.researcher.filter(
    (a) => a.kind === 'person' && a.prefectureCode !== undefined,
  );
  const seeds: Seed[] = [];
  const funding: FundingFlow[] = [];
  if (researchers.length === 0) return { seeds, funding };
  const taken = new Set<string>();
  for (const entry of KAKEN_REGISTER) {
    const ofField = researchers.filter((a) => a.field === entry.field && !taken.has(a.id));
    const pi: ActorInJapan = random.pick(ofField.length > 0 ? ofField : researchers);
    taken.add(pi.id);
    const url = `https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-${entry.awardNumber}/`;
    seeds.push({
      id: `kaken-KAKENHI-PROJECT-${entry.awardNumber}`,
      kind: 'research_result',
      title: entry.title,
      keywords: [...entry.keywords],
      field: entry.field,
      ownerId: pi.id,
      ...(pi.prefectureCode ? { prefectureCode: pi.prefectureCode } : {}),
      sdgs: [],
      available: true,
      url,
      source: DEMO_KAKEN_SOURCE,
    });
    funding.push({
      id: `fund-kaken-${entry.awardNumber}`,
      sourceType: 'national_programme',
      recipientId: pi.id,
      fiscalYear: START_FY,
      amount: random.int(200, 460) * 10_000,
      currency: 'JPY',
      note: `科学研究費助成事業（日本学術振興会） 若手研究: ${entry.title}`.slice(0, 1000),
      source: DEMO_KAKEN_SOURCE,
    });
  }
  return { seeds, funding };
}
