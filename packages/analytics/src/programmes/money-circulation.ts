/**
 * Money that stays in the region (地域の資金循環): where the money a region receives comes from
 * (its own funders, the national programmes, the rest of Japan, abroad), and where the money its
 * own funders give goes — kept in the region or paid out of it, and to which prefectures.
 *
 * A flow's recipient is in the region when its project, adoption or recipient actor is; its funder
 * when the funder is one of the region's actors. National money (a national programme, or a
 * ministry as funder) is counted apart even when the ministry sits in the region (Tokyo).
 *
 * Pure: flows and the region's membership in; no I/O.
 */
import type { Actor } from '#core/entities/actor.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import { prefectureGroupOf } from '#core/geo.ts';
import { flowAmountJpy, type ExchangeRates } from './adoption-measures.ts';
import { MIN_FLOWS_FOR_CLAIM } from './money-flows.ts';

export const MONEY_ORIGINS = ['region', 'national', 'rest_of_japan', 'abroad', 'unknown'] as const;
export type MoneyOrigin = (typeof MONEY_ORIGINS)[number];

export interface OriginShare {
  origin: MoneyOrigin;
  amount: number;
  flows: number;
  /** Share of the money whose origin is known (0..1); null for `unknown` or when none is known. */
  share: number | null;
}

export interface Destination {
  /** Prefecture code, or `abroad`. */
  place: string;
  amount: number;
  flows: number;
}

export interface MoneyCirculation {
  /** Money received in the region, by where it came from. */
  received: OriginShare[];
  /** Share of the received money (origin known) that came from the region's own funders. */
  selfFundedShare: number | null;
  /** Money the region's own funders gave: kept in the region, paid out, recipient unknown. */
  given: { total: number; kept: number; paidOut: number; unknown: number; flows: number };
  /** kept ÷ (kept + paid out); null when no claim can be made (see `sufficient`). */
  retentionShare: number | null;
  /** Where the money paid out went, largest first. */
  destinations: Destination[];
  /** At least MIN_FLOWS_FOR_CLAIM flows on the side a share is computed from. */
  sufficient: { received: boolean; given: boolean };
  notes: string[];
}

export interface RegionMembership {
  actorIds: ReadonlySet<string>;
  projectIds: ReadonlySet<string>;
  adoptionIds: ReadonlySet<string>;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Whether a flow's recipient is in the region: true, false, or null when nothing says where it went. */
function recipientInRegion(flow: FundingFlow, region: RegionMembership): boolean | null {
  if (flow.projectId !== undefined && region.projectIds.has(flow.projectId)) return true;
  if (flow.adoptionId !== undefined && region.adoptionIds.has(flow.adoptionId)) return true;
  if (flow.recipientId !== undefined && region.actorIds.has(flow.recipientId)) return true;
  return null;
}

function originOf(
  flow: FundingFlow,
  funder: Actor | undefined,
  region: RegionMembership,
): MoneyOrigin {
  if (flow.sourceType === 'national_programme' || funder?.sector === 'national_government')
    return 'national';
  if (flow.funderId === undefined || !funder) return 'unknown';
  if (region.actorIds.has(flow.funderId)) return 'region';
  if (funder.countryCode !== undefined && funder.countryCode !== 'JP') return 'abroad';
  return 'rest_of_japan';
}

/** Where a flow paid out of the region went: the recipient's (or its project's) prefecture, or abroad. */
function placeOf(
  flow: FundingFlow,
  actorsById: ReadonlyMap<string, Actor>,
  projectsById: ReadonlyMap<string, Project>,
): string | null {
  const recipient = flow.recipientId !== undefined ? actorsById.get(flow.recipientId) : undefined;
  if (recipient) return prefectureGroupOf(recipient);
  const project = flow.projectId !== undefined ? projectsById.get(flow.projectId) : undefined;
  return project?.prefectureCode ?? null;
}

export function moneyCirculation(
  flows: readonly FundingFlow[],
  region: RegionMembership,
  context: {
    actorsById: ReadonlyMap<string, Actor>;
    projectsById: ReadonlyMap<string, Project>;
    exchangeRates?: ExchangeRates;
  },
): MoneyCirculation {
  const received = new Map<MoneyOrigin, { amount: number; flows: number }>(
    MONEY_ORIGINS.map((o) => [o, { amount: 0, flows: 0 }]),
  );
  const given = { total: 0, kept: 0, paidOut: 0, unknown: 0, flows: 0 };
  const destinations = new Map<string, Destination>();
  let receivedFlows = 0;
  for (const flow of flows) {
    const amount = flowAmountJpy(flow, context.exchangeRates);
    const funder = flow.funderId !== undefined ? context.actorsById.get(flow.funderId) : undefined;
    const origin = originOf(flow, funder, region);
    const inRegion = recipientInRegion(flow, region);
    if (inRegion) {
      const entry = received.get(origin) ?? { amount: 0, flows: 0 };
      entry.amount += amount;
      entry.flows += 1;
      receivedFlows += 1;
    }
    if (origin !== 'region') continue;
    given.total += amount;
    given.flows += 1;
    if (inRegion) {
      given.kept += amount;
      continue;
    }
    const place = placeOf(flow, context.actorsById, context.projectsById);
    if (place === null) {
      given.unknown += amount;
      continue;
    }
    given.paidOut += amount;
    const destination = destinations.get(place) ?? { place, amount: 0, flows: 0 };
    destination.amount += amount;
    destination.flows += 1;
    destinations.set(place, destination);
  }
  const knownOrigin = MONEY_ORIGINS.filter((o) => o !== 'unknown').reduce(
    (sum, o) => sum + (received.get(o)?.amount ?? 0),
    0,
  );
  const sufficient = {
    received: receivedFlows >= MIN_FLOWS_FOR_CLAIM && knownOrigin > 0,
    given: given.flows >= MIN_FLOWS_FOR_CLAIM && given.kept + given.paidOut > 0,
  };
  const notes: string[] = [];
  if (!sufficient.received)
    notes.push(
      `only ${receivedFlows} flow(s) into the region with a known funder (at least ${MIN_FLOWS_FOR_CLAIM} needed to say where its money comes from)`,
    );
  if (!sufficient.given)
    notes.push(
      `only ${given.flows} flow(s) from the region's own funders (at least ${MIN_FLOWS_FOR_CLAIM} needed to say whether their money stays)`,
    );
  const unknownAmount = received.get('unknown')?.amount ?? 0;
  if (unknownAmount > 0)
    notes.push('money whose funder is not recorded is shown apart and left out of the shares');
  return {
    received: MONEY_ORIGINS.map((origin) => {
      const entry = received.get(origin) ?? { amount: 0, flows: 0 };
      return {
        origin,
        amount: entry.amount,
        flows: entry.flows,
        share: origin === 'unknown' ? null : share(entry.amount, knownOrigin),
      };
    }),
    selfFundedShare: sufficient.received
      ? share(received.get('region')?.amount ?? 0, knownOrigin)
      : null,
    given,
    retentionShare: sufficient.given ? share(given.kept, given.kept + given.paidOut) : null,
    destinations: [...destinations.values()].sort(
      (a, b) => b.amount - a.amount || a.place.localeCompare(b.place),
    ),
    sufficient,
    notes,
  };
}
