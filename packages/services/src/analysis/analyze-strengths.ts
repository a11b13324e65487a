/**
 * Regional strengths (地域の強み) of a prefecture or an ABC community: location quotients by field
 * over what the registry holds — seeds, companies (their industry), researchers, papers, patents —
 * with exact confidence intervals (see analytics/regional-strengths.ts).
 */
import { locationQuotients, type StrengthsResult } from '#analytics/regional-strengths.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import { findMunicipality, findPrefecture, mapUnitOf, prefectureGroupOf } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
} from './current-communities.ts';
import { communityNames } from './community-names.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import { loadNetwork, type Network } from './load-network.ts';

/** What is counted: records (seeds + companies + researchers, one each), or one kind of unit. */
export const STRENGTH_MEASURES = [
  'records',
  'seeds',
  'companies',
  'researchers',
  'papers',
  'patents',
] as const;
export type StrengthMeasure = (typeof STRENGTH_MEASURES)[number];

export interface StrengthsOutput extends StrengthsResult {
  /** `name` is the place's or the community's name (made from its members), `nameEn` in English. */
  scope: {
    kind: 'prefecture' | 'municipality' | 'community';
    id: string;
    name: string;
    nameEn?: string;
  };
  measure: StrengthMeasure;
  /** For a community: the run its communities come from. */
  communitySource: CommunitySource | null;
  /** What the registry holds that the measure counts, and what it does not hold yet. */
  sources: string[];
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: GeneratedDataNote | null;
}

interface Counted {
  field: string;
  actor: Actor;
  weight: number;
  /** The unit's own prefecture when it has one (a seed's), else its actor's. */
  prefectureCode: string;
}

export function countedUnits(network: Network, measure: StrengthMeasure): Counted[] {
  const byId = new Map(network.actors.map((a) => [a.id, a]));
  const out: Counted[] = [];
  const want = (m: StrengthMeasure) =>
    measure === m || (measure === 'records' && m !== 'papers' && m !== 'patents');
  if (want('seeds'))
    for (const seed of network.seeds) {
      const owner = seed.ownerId === undefined ? undefined : byId.get(seed.ownerId);
      const field = seed.field ?? owner?.field;
      if (!owner || !field) continue;
      out.push({
        field,
        actor: owner,
        weight: 1,
        prefectureCode: seed.prefectureCode ?? prefectureGroupOf(owner),
      });
    }
  for (const actor of network.actors) {
    if (!actor.field) continue;
    const base = { field: actor.field, actor, prefectureCode: prefectureGroupOf(actor) };
    if (want('companies') && actor.sector === 'company' && actor.kind === 'organization')
      out.push({ ...base, weight: 1 });
    if (want('researchers') && actor.kind === 'person') out.push({ ...base, weight: 1 });
    if (measure === 'papers' && actor.papers) out.push({ ...base, weight: actor.papers });
    if (measure === 'patents' && actor.patents) out.push({ ...base, weight: actor.patents });
  }
  return out;
}

export async function analyzeStrengths(
  repos: Repositories,
  clock: Clock,
  request: {
    prefectureCode?: string;
    municipalityCode?: string;
    communityId?: string;
    measure?: StrengthMeasure;
  },
): Promise<StrengthsOutput> {
  const given = [request.prefectureCode, request.municipalityCode, request.communityId].filter(
    (x) => x !== undefined,
  );
  if (given.length !== 1)
    throw new DomainError(
      'validation_failed',
      'give exactly one of a prefecture, a municipality or a community',
    );
  const measure = request.measure ?? 'records';
  const network = await loadNetwork(repos, { seeds: true });
  let scope: StrengthsOutput['scope'];
  let inRegion: (unit: Counted) => boolean;
  let communitySource: CommunitySource | null = null;
  if (request.municipalityCode !== undefined) {
    // a designated city counts with its wards, as on the map
    const unit = mapUnitOf(request.municipalityCode);
    if (!unit)
      throw new DomainError(
        'validation_failed',
        `"${request.municipalityCode}" is not a municipality code (6 digits with check digit)`,
        { field: 'municipality' },
      );
    scope = {
      kind: 'municipality',
      id: unit.code,
      name: findMunicipality(unit.code)?.name ?? unit.code,
    };
    // units are placed by their actor's municipality (seeds record only a prefecture)
    inRegion = (u) =>
      u.actor.municipalityCode !== undefined &&
      (mapUnitOf(u.actor.municipalityCode)?.code ?? u.actor.municipalityCode) === unit.code;
  } else if (request.prefectureCode !== undefined) {
    const code = request.prefectureCode;
    const prefecture = findPrefecture(code);
    if (!prefecture)
      throw new DomainError('validation_failed', `"${code}" is not a prefecture code 01..47`, {
        field: 'prefecture',
      });
    scope = { kind: 'prefecture', id: code, name: prefecture.name, nameEn: prefecture.nameEn };
    inRegion = (unit) => unit.prefectureCode === code;
  } else {
    const shared = await sharedCommunities(repos, clock, network);
    const id = request.communityId ?? '';
    const community = shared.result.communities.find((c) => c.id === id);
    if (!community) throw new DomainError('not_found', unknownCommunityMessage(id, shared));
    const members = new Set(community.members);
    const named = communityNames(network, shared.result.communities).get(id);
    scope = { kind: 'community', id, name: named?.name ?? id, nameEn: named?.nameEn ?? id };
    communitySource = shared.source;
    inRegion = (unit) => members.has(unit.actor.id);
  }
  const units = countedUnits(network, measure);
  const result = locationQuotients(
    units.map((u) => ({ field: u.field, inRegion: inRegion(u), weight: u.weight })),
  );
  return {
    scope,
    measure,
    communitySource,
    ...result,
    generatedData: generatedDataNote(network),
    sources: [
      `${units.length} units counted (${measure}) from seeds, companies' industries, researchers, papers and patents recorded in the registry`,
      'KAKEN projects are not held in the registry yet: not counted',
      ...(measure === 'papers' || measure === 'patents'
        ? ['paper and patent counts cluster by actor: the intervals are too narrow']
        : []),
    ],
  };
}
