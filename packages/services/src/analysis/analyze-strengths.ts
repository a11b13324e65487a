/**
 * Regional strengths (地域の強み) of a prefecture, a municipality or an ABC community: location
 * quotients by field over what the registry holds — seeds, KAKEN projects, companies (their
 * industry), researchers, papers, patents —
 * with exact confidence intervals (see analytics/regional-strengths.ts).
 */
import { locationQuotients, type StrengthsResult } from '#analytics/regional-strengths.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { NetworkActor } from '#core/network-columns.ts';
import { findMunicipality, findPrefecture, mapUnitOf, prefectureGroupOf } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
  type SharedCommunities,
} from './current-communities.ts';
import { communityNames } from './community-names.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import { loadSeeds, type SeededNetwork } from './load-network.ts';

/**
 * What is counted: records (seeds, KAKEN projects, companies and researchers, one each), or one
 * kind of unit. A KAKEN project (研究課題, stored by the KAKEN connector as a seed of its principal
 * investigator) is its own unit: `seeds` counts the other seeds.
 */
export const STRENGTH_MEASURES = [
  'records',
  'seeds',
  'kaken',
  'companies',
  'researchers',
  'papers',
  'patents',
] as const;
export type StrengthMeasure = (typeof STRENGTH_MEASURES)[number];

/** The kinds of counted unit; every measure but `records` counts one of them. */
export const STRENGTH_UNITS = [
  'seeds',
  'kaken',
  'companies',
  'researchers',
  'papers',
  'patents',
] as const;
export type StrengthUnitKind = (typeof STRENGTH_UNITS)[number];

/** Where each kind of unit comes from, as the answer's basis names it. */
export const STRENGTH_UNIT_SOURCES: Record<StrengthUnitKind, string> = {
  seeds: 'seeds (シーズ) recorded in the registry, other than KAKEN projects',
  kaken:
    'KAKEN projects (科学研究費助成事業データベース, NII; 研究課題 read by the KAKEN connector), in the field of the project or else of its principal investigator',
  companies: "companies' industries (actors of sector company)",
  researchers: 'researchers (person actors)',
  papers: "papers recorded on actors (researchmap / OpenAlex counts), by the actor's field",
  patents: "patents recorded on actors, by the actor's field",
};

/** One kind of unit in the answer: how many the registry holds and where they come from. */
export interface StrengthUnitBasis {
  unit: StrengthUnitKind;
  /** Units of this kind counted in the whole registry (sum of weights). */
  count: number;
  source: string;
}

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
  /** The kinds of unit counted, each with its count and source (only kinds with units). */
  units: StrengthUnitBasis[];
  /**
   * For a municipality: the units of its prefecture whose municipality is not known (an actor
   * without one, a seed recorded outside its owner's prefecture); they count in the whole only.
   * Null for a prefecture or a community.
   */
  placeUnknown: number | null;
  /** What the registry holds that the measure counts, and what it does not hold yet. */
  sources: string[];
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: GeneratedDataNote | null;
}

export interface CountedUnit {
  unit: StrengthUnitKind;
  field: string;
  actor: NetworkActor;
  weight: number;
  /** The unit's own prefecture when it has one (a seed's), else its actor's. */
  prefectureCode: string;
  /**
   * The map unit (municipality, a designated city with its wards) the unit lies in, when known: its
   * actor's, for a seed only when the seed lies in its owner's prefecture.
   */
  municipalityCode: string | undefined;
}

/** The actor's map unit: its municipality, or the designated city of its ward. */
function mapUnitCodeOf(actor: NetworkActor): string | undefined {
  if (actor.municipalityCode === undefined) return undefined;
  return mapUnitOf(actor.municipalityCode)?.code ?? actor.municipalityCode;
}

/** A seed read by the KAKEN connector (a 研究課題), by its source or its id and address. */
export function isKakenProject(seed: Seed): boolean {
  return (
    seed.source === 'kaken' ||
    seed.id.startsWith('kaken-KAKENHI-') ||
    (seed.url?.startsWith('https://kaken.nii.ac.jp/grant/KAKENHI-') ?? false)
  );
}

export function countedUnits(network: SeededNetwork, measure: StrengthMeasure): CountedUnit[] {
  const byId = new Map(network.actors.map((a) => [a.id, a]));
  const out: CountedUnit[] = [];
  const want = (m: StrengthUnitKind) =>
    measure === m || (measure === 'records' && m !== 'papers' && m !== 'patents');
  if (want('seeds') || want('kaken'))
    for (const seed of network.seeds) {
      const unit = isKakenProject(seed) ? 'kaken' : 'seeds';
      if (!want(unit)) continue;
      const owner = seed.ownerId === undefined ? undefined : byId.get(seed.ownerId);
      const field = seed.field ?? owner?.field;
      if (!owner || !field) continue;
      const ownersPlace =
        seed.prefectureCode === undefined || seed.prefectureCode === owner.prefectureCode;
      out.push({
        unit,
        field,
        actor: owner,
        weight: 1,
        prefectureCode: seed.prefectureCode ?? prefectureGroupOf(owner),
        municipalityCode: ownersPlace ? mapUnitCodeOf(owner) : undefined,
      });
    }
  for (const actor of network.actors) {
    if (!actor.field) continue;
    const base = {
      field: actor.field,
      actor,
      prefectureCode: prefectureGroupOf(actor),
      municipalityCode: mapUnitCodeOf(actor),
    };
    if (want('companies') && actor.sector === 'company' && actor.kind === 'organization')
      out.push({ ...base, unit: 'companies', weight: 1 });
    if (want('researchers') && actor.kind === 'person')
      out.push({ ...base, unit: 'researchers', weight: 1 });
    if (measure === 'papers' && actor.papers)
      out.push({ ...base, unit: 'papers', weight: actor.papers });
    if (measure === 'patents' && actor.patents)
      out.push({ ...base, unit: 'patents', weight: actor.patents });
  }
  return out;
}

/** The kinds of unit counted, in the order of STRENGTH_UNITS, with their totals and sources. */
export function unitBasis(units: readonly CountedUnit[]): StrengthUnitBasis[] {
  const counts = new Map<StrengthUnitKind, number>();
  for (const u of units) counts.set(u.unit, (counts.get(u.unit) ?? 0) + u.weight);
  return STRENGTH_UNITS.filter((unit) => counts.has(unit)).map((unit) => ({
    unit,
    count: counts.get(unit) ?? 0,
    source: STRENGTH_UNIT_SOURCES[unit],
  }));
}

const UNIT_WORDS: Record<StrengthUnitKind, string> = {
  seeds: 'seeds',
  kaken: 'KAKEN projects',
  companies: 'companies',
  researchers: 'researchers',
  papers: 'papers',
  patents: 'patents',
};

/** The basis in words: what was counted, from where. */
export function sourceLines(measure: StrengthMeasure, units: readonly CountedUnit[]): string[] {
  const basis = unitBasis(units);
  return [
    basis.length === 0
      ? `no units counted (${measure})`
      : `${basis.map((b) => `${b.count} ${UNIT_WORDS[b.unit]}`).join(', ')} counted (${measure})`,
    ...basis.map((b) => `${UNIT_WORDS[b.unit]}: ${b.source}`),
    ...(measure === 'papers' || measure === 'patents'
      ? ['paper and patent counts cluster by actor: the intervals are too narrow']
      : []),
  ];
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
  /**
   * The network with its seeds and the shared communities already loaded for the same data (the
   * analysis store's, see network-cache.ts); else the compact network and the seeds are read here.
   */
  loaded?: { network: SeededNetwork; communities(): Promise<SharedCommunities> },
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
  // The compact network (no actor or relation record read) and the seeds.
  const network: SeededNetwork =
    loaded?.network ??
    (await Promise.all([repos.network.readCompact(), loadSeeds(repos)]).then(
      ([compact, seeds]) => ({ ...compact, seeds }),
    ));
  let scope: StrengthsOutput['scope'];
  let inRegion: (unit: CountedUnit) => boolean;
  let communitySource: CommunitySource | null = null;
  /** For a municipality: its prefecture, where units without a known municipality are counted. */
  let placeIn: { code: string; name: string } | null = null;
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
    // units are placed by their actor's municipality; a seed only when it lies in its owner's prefecture
    inRegion = (u) => u.municipalityCode === unit.code;
    const prefectureCode = unit.code.slice(0, 2);
    placeIn = {
      code: prefectureCode,
      name: findPrefecture(prefectureCode)?.name ?? prefectureCode,
    };
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
    const shared = loaded
      ? await loaded.communities()
      : await sharedCommunities(repos, clock, network);
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
  const prefectureOfPlace = placeIn;
  const placeUnknown =
    prefectureOfPlace === null
      ? null
      : units
          .filter(
            (u) => u.prefectureCode === prefectureOfPlace.code && u.municipalityCode === undefined,
          )
          .reduce((sum, u) => sum + u.weight, 0);
  const result = locationQuotients(
    units.map((u) => ({ field: u.field, inRegion: inRegion(u), weight: u.weight })),
  );
  return {
    scope,
    measure,
    communitySource,
    ...result,
    generatedData: generatedDataNote(network),
    units: unitBasis(units),
    placeUnknown,
    sources: [
      ...sourceLines(measure, units),
      ...(placeIn !== null && placeUnknown !== null && placeUnknown > 0
        ? [
            `${placeUnknown} units in ${placeIn.name} have no municipality recorded (or lie outside their owner's prefecture): not counted in ${scope.name}, only in the whole`,
          ]
        : []),
    ],
  };
}
