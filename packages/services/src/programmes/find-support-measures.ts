/**
 * Support-measure navigator: which stored support measures (支援施策) fit a company or a project
 * now, each with its reasons, and near misses with why not. The subject (stage, sector, region,
 * fields) is derived from the stored actor or project; a stage or amount given overrides it.
 */
import {
  matchSupportMeasures,
  type SupportMatchResult,
  type SupportMeasureInput,
  type SupportSubject,
} from '#analytics/programmes/match-support-measures.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import { ZProject } from '#core/entities/project.ts';
import { ZSupportMeasure, type SupportMeasure } from '#core/entities/support-measure.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import type { InnovationPath } from '#core/vocabulary.ts';
import { readAll } from './load-records.ts';
import { prefectureGroupOf } from '#core/geo.ts';

export interface SupportFitRequest {
  actorId?: string;
  projectId?: string;
  stage?: InnovationPath;
  amountNeeded?: number;
  maxMisses?: number;
}

export interface SupportFitOutput extends SupportMatchResult {
  subject: SupportSubject & { kind: 'actor' | 'project'; id: string; name: string };
  /** How the stage was chosen (English). */
  stageReason: string;
  /** The same as a stable code. */
  stageReasonCode: StageReasonCode;
  /** The same in Japanese. */
  stageReasonJa: string;
}

/** How the subject's stage was chosen. */
export type StageReasonCode =
  'given' | 'venture' | 'large_core_or_anchor' | 'established' | 'project_path' | 'no_path_assumed';

const STAGE_REASONS: Record<StageReasonCode, { en: string; ja: string }> = {
  given: { en: 'given', ja: '指定された段階' },
  venture: {
    en: 'startup or university venture: 0→1',
    ja: 'スタートアップ・大学発ベンチャーなので 0→1',
  },
  large_core_or_anchor: {
    en: 'large, regional core or anchor company: 100→∞',
    ja: '大企業・地域中核企業・アンカー企業なので 100→∞',
  },
  established: { en: 'established organisation: 1→100', ja: '事業を営む組織なので 1→100' },
  project_path: { en: 'the project’s innovation path', ja: 'プロジェクトのイノベーションの道筋' },
  no_path_assumed: {
    en: 'no innovation path recorded: 1→100 assumed',
    ja: '道筋の記録がないため 1→100 とみなす',
  },
};

/** Stage of an actor: ventures 0→1, large, core and anchor firms 100→∞, the rest 1→100. */
function actorStage(actor: Actor): { stage: InnovationPath; reason: StageReasonCode } {
  if (actor.flags.includes('startup') || actor.flags.includes('university_venture'))
    return { stage: 'zero_to_one', reason: 'venture' };
  if (['large', 'regional_core', 'anchor'].some((f) => actor.flags.some((g) => g === f)))
    return { stage: 'hundred_to_infinity', reason: 'large_core_or_anchor' };
  return { stage: 'one_to_hundred', reason: 'established' };
}

/**
 * The area a measure covers, read from the body that offers it when the record does not say: a
 * municipality's measure covers that municipality (not its prefecture), a prefecture's measure
 * with no prefectures listed covers that prefecture.
 */
export function scopeByProvider(
  measure: SupportMeasure,
  provider: Actor | undefined,
): SupportMeasureInput {
  if (!provider) return measure;
  if (provider.prefectureCode === undefined) return measure;
  if (provider.sector === 'municipality' && provider.municipalityCode !== undefined)
    return {
      ...measure,
      prefectureCodes:
        measure.prefectureCodes.length > 0 ? measure.prefectureCodes : [provider.prefectureCode],
      municipalityCodes: [provider.municipalityCode],
    };
  if (provider.sector === 'prefecture' && measure.prefectureCodes.length === 0)
    return { ...measure, prefectureCodes: [provider.prefectureCode] };
  return measure;
}

async function getActor(repos: Repositories, id: string): Promise<Actor | undefined> {
  const stored = await repos.entity('actors').get(id);
  return stored ? ZActor.parse(stored.record) : undefined;
}

/** The applicant's municipality, size and flags, when recorded. */
function sizeAndPlace(
  actor: Actor,
): Pick<SupportSubject, 'municipalityCode' | 'employees' | 'revenue' | 'flags'> {
  return {
    ...(actor.municipalityCode !== undefined ? { municipalityCode: actor.municipalityCode } : {}),
    ...(actor.employees !== undefined ? { employees: actor.employees } : {}),
    ...(actor.revenue !== undefined ? { revenue: actor.revenue } : {}),
    flags: actor.flags,
  };
}

export async function findSupportMeasures(
  repos: Repositories,
  clock: Clock,
  request: SupportFitRequest,
): Promise<SupportFitOutput> {
  if ((request.actorId === undefined) === (request.projectId === undefined)) {
    throw new DomainError('validation_failed', 'give exactly one of an actor id or a project id');
  }
  const date = clock.now().toISOString().slice(0, 10);
  let subject: SupportFitOutput['subject'];
  let stageReason: StageReasonCode;
  if (request.actorId !== undefined) {
    const actor = await getActor(repos, request.actorId);
    if (!actor) throw new DomainError('not_found', `no actor ${request.actorId}`);
    const derived = actorStage(actor);
    stageReason = request.stage ? 'given' : derived.reason;
    subject = {
      kind: 'actor',
      id: actor.id,
      name: actor.name,
      stage: request.stage ?? derived.stage,
      sector: actor.sector,
      prefectureCode: prefectureGroupOf(actor),
      ...sizeAndPlace(actor),
      fields: [...(actor.field ? [actor.field] : []), ...actor.keywords],
      date,
    };
  } else {
    const id = request.projectId ?? '';
    const stored = await repos.entity('projects').get(id);
    if (!stored) throw new DomainError('not_found', `no project ${id}`);
    const project = ZProject.parse(stored.record);
    const members = (
      await Promise.all(project.members.map((m) => getActor(repos, m.actorId)))
    ).filter((a): a is Actor => a !== undefined);
    // the project applies through its company member when it has one, else through its lead
    const leadId = project.members.find((m) => m.role === 'lead')?.actorId;
    const applicant =
      members.find((a) => a.sector === 'company') ?? members.find((a) => a.id === leadId);
    if (!applicant)
      throw new DomainError('validation_failed', `project ${id} has no stored member to apply`);
    stageReason = request.stage ? 'given' : project.path ? 'project_path' : 'no_path_assumed';
    subject = {
      kind: 'project',
      id: project.id,
      name: project.title,
      stage: request.stage ?? project.path ?? 'one_to_hundred',
      sector: applicant.sector,
      prefectureCode: project.prefectureCode ?? prefectureGroupOf(applicant),
      ...sizeAndPlace(applicant),
      fields: [...new Set(members.flatMap((a) => (a.field ? [a.field] : [])))],
      date,
    };
  }
  if (request.amountNeeded !== undefined) subject.amountNeeded = request.amountNeeded;
  const stored = await readAll(repos, 'support-measures', ZSupportMeasure);
  const providerIds = [...new Set(stored.flatMap((m) => (m.providerId ? [m.providerId] : [])))];
  const providers = new Map<string, Actor>();
  for (const id of providerIds) {
    const provider = await getActor(repos, id);
    if (provider) providers.set(id, provider);
  }
  const measures = stored.map((m) =>
    scopeByProvider(m, m.providerId ? providers.get(m.providerId) : undefined),
  );
  const result = matchSupportMeasures(measures, subject, {
    ...(request.maxMisses !== undefined ? { maxMisses: request.maxMisses } : {}),
  });
  return {
    subject,
    stageReason: STAGE_REASONS[stageReason].en,
    stageReasonCode: stageReason,
    stageReasonJa: STAGE_REASONS[stageReason].ja,
    ...result,
  };
}
