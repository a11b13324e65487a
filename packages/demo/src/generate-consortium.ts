/**
 * A named consortium (協議会) in the demo: an actor standing for it and its members tied to it by
 * `membership` (member → body), as `analyze money --consortium` reads one (decision 013). Its
 * members are the prefecture's government and the organisations that lead the prefecture's funded
 * projects or hold its adoptions, so the consortium's money has flows to count. No randomness:
 * the members follow from the records already generated.
 */
import { CONSORTIUM_FLAG } from '#core/consortium.ts';
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { ActorWorld } from './actor-world.ts';

/** The demo's consortium: its code (the body's actor id) and where it works. */
export const DEMO_CONSORTIUM = {
  id: 'consortium-22-hikari',
  name: '浜松・東部 光・電子技術イノベーション推進協議会',
  nameEn: 'Shizuoka Photonics and Electronics Innovation Council',
  prefectureCode: '22',
} as const;

const MAX_MEMBERS = 12;

export interface DemoConsortium {
  body: ActorInJapan;
  relations: Relation[];
}

export function generateConsortium(
  world: ActorWorld,
  projects: readonly Project[],
  adoptions: readonly Adoption[],
  funding: readonly FundingFlow[],
): DemoConsortium {
  const code = DEMO_CONSORTIUM.prefectureCode;
  const funded = new Set(funding.flatMap((f) => (f.projectId ? [f.projectId] : [])));
  const candidates: string[] = [];
  for (const actor of world.actors)
    if (
      actor.sector === 'prefecture' &&
      actor.kind === 'organization' &&
      actor.prefectureCode === code
    )
      candidates.push(actor.id);
  for (const adoption of adoptions)
    if (adoption.prefectureCodes.includes(code) && adoption.coreInstitutionId)
      candidates.push(adoption.coreInstitutionId);
  for (const project of projects) {
    if (project.prefectureCode !== code || !funded.has(project.id)) continue;
    const lead = project.members.find((m) => m.role === 'lead');
    if (lead) candidates.push(lead.actorId);
  }
  const members = [...new Set(candidates)]
    .filter((id) => world.byId.get(id)?.kind === 'organization')
    .slice(0, MAX_MEMBERS);
  const body: ActorInJapan = {
    id: DEMO_CONSORTIUM.id,
    kind: 'organization',
    sector: 'support_org',
    name: DEMO_CONSORTIUM.name,
    nameEn: DEMO_CONSORTIUM.nameEn,
    prefectureCode: code,
    flags: [CONSORTIUM_FLAG],
    keywords: ['光・量子', '半導体', 'ものづくり'],
    field: '光・量子',
    source: 'demo',
  };
  const relations: Relation[] = members.map((memberId) => ({
    sourceId: memberId,
    targetId: body.id,
    type: 'membership',
    weight: 1,
    startDate: '2019-04-01',
    source: 'demo',
  }));
  return { body, relations };
}
