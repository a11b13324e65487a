/**
 * Derived measures of a programme adoption (採択), the factors of the JAREC continuation survey:
 * duration, stakeholder diversity by sector, local-funding share, company count, coordinator
 * presence, final and interim grades.
 *
 * Evidence for who took part comes from linked actors (participation relations whose target is the
 * adoption, members of projects under the adoption, the core institution) and from the survey's
 * counts and money (universities listed, participating companies, local-government or bank money
 * during the programme). Money after the end is never used as a factor: continuing with regional
 * money is the outcome, so it would explain itself.
 */
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import { adoptionDurationYears, type Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import {
  CURRENCIES,
  type Currency,
  type FundingSourceType,
  type Grade,
  type Sector,
} from '#core/vocabulary.ts';

/** The six kinds of stakeholder JAREC looks for ("not only universities"). */
export const STAKEHOLDER_GROUPS = [
  'university',
  'public_research',
  'company',
  'local_government',
  'support_org',
  'finance',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export const STAKEHOLDER_GROUP_LABELS_JA: Record<StakeholderGroup, string> = {
  university: '大学',
  public_research: '公設試・研究機関',
  company: '企業',
  local_government: '自治体',
  support_org: '財団・支援機関',
  finance: '金融機関',
};

const GROUP_OF_SECTOR: Partial<Record<Sector, StakeholderGroup>> = {
  university: 'university',
  public_research: 'public_research',
  national_lab: 'public_research',
  company: 'company',
  prefecture: 'local_government',
  municipality: 'local_government',
  support_org: 'support_org',
  financial: 'finance',
};

/** Money counted as regional (地域資金): local government, companies and banks. */
export const LOCAL_FUNDING_SOURCES: readonly FundingSourceType[] = [
  'prefecture',
  'municipality',
  'company',
  'bank',
];

const GROUP_OF_FUNDING: Partial<Record<FundingSourceType, StakeholderGroup>> = {
  prefecture: 'local_government',
  municipality: 'local_government',
  company: 'company',
  bank: 'finance',
  vc: 'finance',
  foundation: 'support_org',
};

/** JPY per unit of each currency; JPY is 1. A flow in a currency without a rate is refused. */
export type ExchangeRates = Partial<Record<Currency, number>>;

export interface AdoptionContext {
  actors?: readonly Actor[];
  /** The same actors by id; pass it when deriving many adoptions (saves rebuilding it). */
  actorsById?: ReadonlyMap<string, Actor>;
  relations?: readonly Relation[];
  projects?: readonly Project[];
  /** All flows; those with this adoption's id are used. */
  flows?: readonly FundingFlow[];
  exchangeRates?: ExchangeRates;
  /** Last observed fiscal year; flows after it are ignored. */
  asOfFy?: number;
  /**
   * Non-university, non-company organisations (local governments, foundations, 公設試…) needed,
   * besides companies, to call the stakeholders diverse; default 3.
   */
  diverseMinOtherOrgs?: number;
}

export type StakeholderEvidence = 'linked_actors' | 'counts' | 'funding' | 'core_institution';

export interface AdoptionMeasures {
  adoptionId: string;
  /** Fiscal years, both ends included. */
  /** Fiscal years from start to end, both included; null when the end year is unknown. */
  durationYears: number | null;
  sectorGroups: StakeholderGroup[];
  /** 0..6. */
  stakeholderGroupCount: number;
  /** Where the sector evidence came from. */
  stakeholderEvidence: StakeholderEvidence[];
  /** Share of participating organisations that are not universities; null when unknown. */
  nonUniversityShare: number | null;
  /**
   * Participating organisations that are neither universities nor companies (local governments,
   * foundations and support bodies, 公設試, banks…); null when unknown.
   */
  otherOrgCount: number | null;
  /**
   * JAREC's "diverse stakeholders, not only universities": companies took part and at least
   * `diverseMinOtherOrgs` other non-university organisations; null when unknown.
   */
  diverseStakeholders: boolean | null;
  /** Local (prefecture, municipality, company, bank) share of money from start to end FY. */
  localFundingShare: number | null;
  /** The same share over all money from the start FY on, including after the end (descriptive). */
  localFundingShareSinceStart: number | null;
  /** JPY, start to end FY. */
  fundingDuringProgramme: number;
  /** JPY, after the end FY. */
  fundingAfterEnd: number;
  companyCount: number | null;
  /** A coordinator or PD/PM among the participants; null when no participant is linked. */
  coordinatorPresent: boolean | null;
  finalGrade: Grade | null;
  finalGradeS: boolean | null;
  interimGrade: Grade | null;
  /** Interim grade S or A. */
  interimGradeSOrA: boolean | null;
}

/** Refuses an adoption whose end FY precedes its start FY. */
export function checkAdoptionYears(adoption: Pick<Adoption, 'id' | 'startFy' | 'endFy'>): void {
  if (
    !Number.isInteger(adoption.startFy) ||
    (adoption.endFy !== undefined && !Number.isInteger(adoption.endFy))
  ) {
    throw new DomainError(
      'validation_failed',
      `adoption ${adoption.id}: start and end must be whole fiscal years`,
      { adoptionId: adoption.id, startFy: adoption.startFy, endFy: adoption.endFy },
    );
  }
  if (adoption.endFy !== undefined && adoption.endFy < adoption.startFy) {
    throw new DomainError(
      'validation_failed',
      `adoption ${adoption.id}: end FY ${adoption.endFy} is before start FY ${adoption.startFy}`,
      { adoptionId: adoption.id, startFy: adoption.startFy, endFy: adoption.endFy },
    );
  }
}

/** A flow's amount in JPY; refuses negative, non-finite or unknown-currency amounts. */
export function flowAmountJpy(flow: FundingFlow, rates: ExchangeRates = {}): number {
  if (!Number.isFinite(flow.amount) || flow.amount < 0) {
    throw new DomainError(
      'validation_failed',
      `funding flow ${flow.id}: amount ${String(flow.amount)} must be a finite number ≥ 0`,
      { flowId: flow.id, amount: flow.amount },
    );
  }
  const currency: string = flow.currency ?? 'JPY';
  const known = CURRENCIES.find((c) => c === currency);
  if (!known) {
    throw new DomainError(
      'validation_failed',
      `funding flow ${flow.id}: unknown currency "${currency}" (JPY, USD or EUR)`,
      { flowId: flow.id, currency },
    );
  }
  if (known === 'JPY') return flow.amount;
  const rate = rates[known];
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) {
    throw new DomainError(
      'validation_failed',
      `funding flow ${flow.id}: amount in ${currency} but no exchange rate to JPY was given`,
      { flowId: flow.id, currency },
    );
  }
  return flow.amount * rate;
}

function groupOfName(name: string): StakeholderGroup | undefined {
  if (/大学|高専|高等専門学校|university/iu.test(name)) return 'university';
  if (/試験場|技術センター|研究所|公設試|研究機構/u.test(name)) return 'public_research';
  if (/財団|振興|機構|商工会|協会|支援/u.test(name)) return 'support_org';
  if (/[都道府県]庁?$|市役所|[市町村]$/u.test(name)) return 'local_government';
  if (/銀行|信用金庫|信金|キャピタル/u.test(name)) return 'finance';
  if (/株式会社|有限会社|（株）|\(株\)/u.test(name)) return 'company';
  return undefined;
}

/** Actors linked to an adoption: participants, members of its projects, its core institution. */
export function linkedActors(
  adoption: Pick<Adoption, 'id' | 'coreInstitutionId'>,
  context: Pick<AdoptionContext, 'actors' | 'actorsById' | 'relations' | 'projects'>,
): { actors: Actor[]; participantIds: string[]; coordinatorRole: boolean } {
  const byId = context.actorsById ?? new Map((context.actors ?? []).map((a) => [a.id, a]));
  const ids = new Set<string>();
  let coordinatorRole = false;
  for (const relation of context.relations ?? []) {
    if (relation.type === 'participation' && relation.targetId === adoption.id) {
      ids.add(relation.sourceId);
    }
  }
  for (const project of context.projects ?? []) {
    if (project.adoptionId !== adoption.id) continue;
    for (const member of project.members) {
      ids.add(member.actorId);
      if (member.role === 'coordinator') coordinatorRole = true;
    }
  }
  const participantIds = [...ids];
  if (adoption.coreInstitutionId) ids.add(adoption.coreInstitutionId);
  const actors = [...ids].flatMap((id) => {
    const actor = byId.get(id);
    return actor ? [actor] : [];
  });
  return { actors, participantIds, coordinatorRole };
}

function share(local: number, total: number): number | null {
  return total > 0 ? local / total : null;
}

/** The derived measures of one adoption; throws on an end before the start or bad money. */
export function deriveAdoptionMeasures(
  adoption: Adoption,
  context: AdoptionContext = {},
): AdoptionMeasures {
  checkAdoptionYears(adoption);
  const rates = context.exchangeRates ?? {};
  const groups = new Set<StakeholderGroup>();
  const evidence = new Set<StakeholderEvidence>();

  const { actors, participantIds, coordinatorRole } = linkedActors(adoption, context);
  const organisations = actors.filter((a) => a.kind === 'organization');
  for (const actor of actors) {
    const group = GROUP_OF_SECTOR[actor.sector];
    if (group) {
      groups.add(group);
      evidence.add('linked_actors');
    }
  }
  if (adoption.universities.length > 0) {
    groups.add('university');
    evidence.add('counts');
  }
  if ((adoption.participatingCompanies ?? 0) > 0) {
    groups.add('company');
    evidence.add('counts');
  }
  if (adoption.coreInstitution && !adoption.coreInstitutionId) {
    const group = groupOfName(adoption.coreInstitution);
    if (group) {
      groups.add(group);
      evidence.add('core_institution');
    }
  }

  let during = 0;
  let localDuring = 0;
  let since = 0;
  let localSince = 0;
  let after = 0;
  for (const flow of context.flows ?? []) {
    if (flow.adoptionId !== adoption.id) continue;
    const amount = flowAmountJpy(flow, rates);
    if (flow.fiscalYear < adoption.startFy) continue;
    if (context.asOfFy !== undefined && flow.fiscalYear > context.asOfFy) continue;
    const local = LOCAL_FUNDING_SOURCES.includes(flow.sourceType);
    since += amount;
    if (local) localSince += amount;
    // With the end year unknown, all money from the start counts as during (the share is unknown).
    if (adoption.endFy === undefined || flow.fiscalYear <= adoption.endFy) {
      during += amount;
      if (local) localDuring += amount;
      const group = GROUP_OF_FUNDING[flow.sourceType];
      if (group && amount > 0) {
        groups.add(group);
        evidence.add('funding');
      }
    } else {
      after += amount;
    }
  }

  const countedOrgs = (adoption.participatingOrgs ?? 0) + (adoption.participatingCompanies ?? 0);
  let nonUniversityShare: number | null = null;
  if (countedOrgs > 0) {
    nonUniversityShare = Math.max(0, Math.min(1, 1 - adoption.universities.length / countedOrgs));
  } else if (organisations.length > 0) {
    nonUniversityShare =
      organisations.filter((a) => a.sector !== 'university').length / organisations.length;
  }
  const companyCount =
    adoption.participatingCompanies ??
    (actors.length > 0 ? organisations.filter((a) => a.sector === 'company').length : null);
  // known only when participants are linked (the core institution alone says nothing about it)
  const linkedOther = new Set(
    organisations
      .filter(
        (a) =>
          a.sector !== 'university' &&
          a.sector !== 'company' &&
          a.id !== adoption.coreInstitutionId,
      )
      .map((a) => a.id),
  ).size;
  const countedOther =
    adoption.participatingOrgs !== undefined
      ? Math.max(0, adoption.participatingOrgs - adoption.universities.length)
      : null;
  const otherOrgCount =
    countedOther === null && participantIds.length === 0
      ? null
      : Math.max(countedOther ?? 0, linkedOther);
  const diverseStakeholders =
    otherOrgCount === null || companyCount === null
      ? null
      : companyCount > 0 && otherOrgCount >= (context.diverseMinOtherOrgs ?? 3);
  const coordinatorPresent =
    participantIds.length > 0
      ? coordinatorRole ||
        actors.some((a) => a.flags.includes('coordinator') || a.flags.includes('pd_pm'))
      : null;
  const sectorGroups = STAKEHOLDER_GROUPS.filter((g) => groups.has(g));
  return {
    adoptionId: adoption.id,
    durationYears: adoptionDurationYears(adoption),
    sectorGroups,
    stakeholderGroupCount: sectorGroups.length,
    stakeholderEvidence: [...evidence],
    nonUniversityShare,
    otherOrgCount,
    diverseStakeholders,
    localFundingShare: adoption.endFy === undefined ? null : share(localDuring, during),
    localFundingShareSinceStart: share(localSince, since),
    fundingDuringProgramme: during,
    fundingAfterEnd: after,
    companyCount,
    coordinatorPresent,
    finalGrade: adoption.finalGrade ?? null,
    finalGradeS: adoption.finalGrade ? adoption.finalGrade === 'S' : null,
    interimGrade: adoption.interimGrade ?? null,
    interimGradeSOrA: adoption.interimGrade
      ? adoption.interimGrade === 'S' || adoption.interimGrade === 'A'
      : null,
  };
}
