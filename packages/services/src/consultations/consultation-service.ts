/**
 * Coordinator workflow (相談対応): open a consultation from a need, assign coordinators, move
 * it through its stages to an outcome, add notes, propose candidates and record why they were
 * rejected. Every step is an event (who, what, when). The requester (the need's owner
 * organisation) sees its status and overdue flag; coordinators see the rest. A confidential
 * need's consultations are seen only by its owner and its assigned coordinators.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  applyStageMove,
  DEFAULT_RESPONSE_TARGETS,
  overdueStatus,
  REJECTION_REASONS,
  ZStageMove,
  type Consultation,
  type ConsultationEvent,
  type OverdueStatus,
  type ResponseTargets,
  type StageMove,
} from '#core/consultation.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { canViewNeed, isNeedOwner, type NeedAccessFacts } from '#core/need-access.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { isCoordinator, type Viewer } from '#core/viewer.ts';
import type { MatchingService } from '../matching/matching-service.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';
import { parseInput } from '../matching/parse-input.ts';

export interface ConsultationView {
  readonly consultation: Consultation;
  /** Stored version (the HTTP ETag); moves may require it (optimistic concurrency). */
  readonly version: number;
  readonly overdue: OverdueStatus;
  /** Full history for coordinators; stage changes only for the requester. */
  readonly history: readonly ConsultationEvent[];
}

/** What the requester sees: the status, not the coordinators' notes. */
export interface RequesterStatus {
  readonly id: string;
  readonly needId: string;
  readonly stage: string;
  readonly outcome?: string;
  readonly overdue: boolean;
  readonly dueAt?: string;
  readonly updatedAt: string;
}

export interface ConsultationServiceOptions {
  readonly repos: Repositories;
  readonly clock?: Clock;
  readonly targets?: ResponseTargets;
  /** Feedback from rejected candidates goes to ranking through this service. */
  readonly matching?: MatchingService;
}

export const ZCandidateJudgement = z
  .object({
    seedId: z.string().min(1),
    decision: z.enum(['rejected', 'chosen']),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((j) => j.decision !== 'rejected' || j.reason !== undefined, {
    path: ['reason'],
    message:
      'a rejection needs a reason: too_early_stage | benefit_unclear | route_to_market_unclear | wrong_field',
  });

export interface ConsultationService {
  open(viewer: Viewer, needId: string, options?: { note?: string }): Promise<Consultation>;
  get(viewer: Viewer, id: string): Promise<ConsultationView>;
  status(viewer: Viewer, id: string): Promise<RequesterStatus>;
  list(
    viewer: Viewer,
    filter?: { stage?: string; mine?: boolean; overdueOnly?: boolean },
  ): Promise<(Consultation & { overdue: OverdueStatus })[]>;
  move(
    viewer: Viewer,
    id: string,
    move: z.input<typeof ZStageMove>,
    options?: { expectedVersion?: number },
  ): Promise<Consultation>;
  assign(viewer: Viewer, id: string, coordinatorId: string): Promise<Consultation>;
  unassign(viewer: Viewer, id: string, coordinatorId: string): Promise<Consultation>;
  addNote(viewer: Viewer, id: string, text: string): Promise<void>;
  proposeCandidates(viewer: Viewer, id: string, seedIds: readonly string[]): Promise<Consultation>;
  judgeCandidate(
    viewer: Viewer,
    id: string,
    judgement: z.input<typeof ZCandidateJudgement>,
  ): Promise<void>;
  /** Consultations the viewer may see (for figures and the triage view). */
  visible(viewer: Viewer): Promise<Consultation[]>;
}

export function createConsultationService(
  options: ConsultationServiceOptions,
): ConsultationService {
  const { repos } = options;
  const clock = options.clock ?? systemClock;
  const targets = options.targets ?? DEFAULT_RESPONSE_TARGETS;
  const now = (): string => clock.now().toISOString();

  const loadNeed = async (needId: string): Promise<Need | undefined> => {
    const stored = await repos.entity('needs').get(needId);
    const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
    return parsed?.success ? parsed.data : undefined;
  };

  /** The consultation, its need and the access facts, or not_found when the viewer may not see it. */
  const load = async (
    viewer: Viewer,
    id: string,
  ): Promise<{
    c: Consultation;
    version: number;
    need: Need | undefined;
    facts: NeedAccessFacts;
  }> => {
    const stored = await repos.consultations.get(id);
    if (stored === undefined) throw new DomainError('not_found', `no consultation ${id}`);
    const c = stored.record;
    const need = await loadNeed(c.needId);
    const facts = await loadNeedAccessFacts(repos, c.needId);
    if (!mayView(viewer, c, need, facts))
      throw new DomainError('not_found', `no consultation ${id}`);
    return { c, version: stored.version, need, facts };
  };

  const mayView = (
    viewer: Viewer,
    c: Consultation,
    need: Need | undefined,
    facts: NeedAccessFacts,
  ): boolean => {
    if (viewer.kind !== 'account') return false;
    if (viewer.organisationId === c.requesterId) return true;
    if (c.coordinatorIds.includes(viewer.accountId)) return true;
    // Other coordinators see consultations on needs they may see (never on confidential ones).
    const view = need ?? { ownerId: c.requesterId, confidentiality: 'confidential' as const };
    return (
      isCoordinator(viewer) &&
      view.confidentiality !== 'confidential' &&
      canViewNeed(viewer, view, facts)
    );
  };

  const isAssigned = (viewer: Viewer, c: Consultation): boolean =>
    viewer.kind === 'account' && c.coordinatorIds.includes(viewer.accountId);

  const requireAssigned = (viewer: Viewer, c: Consultation, what: string): string => {
    if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
    if (!isAssigned(viewer, c)) {
      throw new DomainError(
        'forbidden',
        `only a coordinator assigned to consultation ${c.id} may ${what}`,
      );
    }
    return viewer.accountId;
  };

  const save = async (next: Consultation, version: number): Promise<void> => {
    if (!(await repos.consultations.update(next, version))) {
      throw new DomainError('conflict', `consultation ${next.id} changed meanwhile; try again`);
    }
  };

  const event = (
    c: Consultation,
    actorId: string,
    kind: ConsultationEvent['kind'],
    data: Record<string, unknown> = {},
    stages: { fromStage?: Consultation['stage']; toStage?: Consultation['stage'] } = {},
  ): Omit<ConsultationEvent, 'seq'> => ({
    consultationId: c.id,
    at: now(),
    actorId,
    kind,
    data,
    ...stages,
  });

  const service: ConsultationService = {
    async open(viewer, needId, opts = {}) {
      if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
      const need = await loadNeed(needId);
      const facts = await loadNeedAccessFacts(repos, needId);
      if (need === undefined || !canViewNeed(viewer, need, facts)) {
        throw new DomainError('not_found', `no need ${needId}`);
      }
      const owner = isNeedOwner(viewer, need);
      const coordinator = isCoordinator(viewer);
      if (!owner && !coordinator) {
        throw new DomainError(
          'forbidden',
          'a consultation is opened by the requester or a coordinator',
        );
      }
      const at = now();
      const consultation: Consultation = {
        id: randomUUID(),
        needId,
        stage: 'intake',
        requesterId: need.ownerId,
        coordinatorIds: coordinator ? [viewer.accountId] : [],
        openedBy: viewer.accountId,
        openedAt: at,
        stageEnteredAt: at,
        ...(need.prefectureCode !== undefined ? { prefectureCode: need.prefectureCode } : {}),
        ...(need.field !== undefined ? { field: need.field } : {}),
      };
      await repos.transaction(async (tx) => {
        await tx.consultations.insert(consultation);
        await tx.consultations.appendEvent(
          event(consultation, viewer.accountId, 'opened', {}, { toStage: 'intake' }),
        );
        if (coordinator) {
          await tx.consultations.appendEvent(
            event(consultation, viewer.accountId, 'assigned', { coordinatorId: viewer.accountId }),
          );
        }
        if (opts.note !== undefined) {
          await tx.consultations.appendEvent(
            event(consultation, viewer.accountId, 'note', { text: opts.note }),
          );
        }
      });
      return consultation;
    },

    async get(viewer, id) {
      const { c, version } = await load(viewer, id);
      const history = await repos.consultations.events(id);
      const coordinatorView = isAssigned(viewer, c) || isCoordinator(viewer);
      return {
        consultation: c,
        version,
        overdue: overdueStatus(c, clock.now(), targets),
        history: coordinatorView
          ? history
          : history.filter((e) => e.kind === 'opened' || e.kind === 'moved'),
      };
    },

    async status(viewer, id) {
      const { c } = await load(viewer, id);
      const overdue = overdueStatus(c, clock.now(), targets);
      const history = await repos.consultations.events(id);
      return {
        id: c.id,
        needId: c.needId,
        stage: c.stage,
        ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
        overdue: overdue.overdue,
        ...(overdue.dueAt !== undefined ? { dueAt: overdue.dueAt } : {}),
        updatedAt: history[history.length - 1]?.at ?? c.openedAt,
      };
    },

    async list(viewer, filter = {}) {
      const visible = await service.visible(viewer);
      const nowDate = clock.now();
      return visible
        .filter((c) => filter.stage === undefined || c.stage === filter.stage)
        .filter((c) => filter.mine !== true || isAssigned(viewer, c))
        .map((c) => ({ ...c, overdue: overdueStatus(c, nowDate, targets) }))
        .filter((c) => filter.overdueOnly !== true || c.overdue.overdue);
    },

    async visible(viewer) {
      if (viewer.kind !== 'account') return [];
      const all = await repos.consultations.list();
      const out: Consultation[] = [];
      const needCache = new Map<string, { need: Need | undefined; facts: NeedAccessFacts }>();
      for (const c of all) {
        let entry = needCache.get(c.needId);
        if (entry === undefined) {
          entry = {
            need: await loadNeed(c.needId),
            facts: await loadNeedAccessFacts(repos, c.needId),
          };
          needCache.set(c.needId, entry);
        }
        if (mayView(viewer, c, entry.need, entry.facts)) out.push(c);
      }
      return out;
    },

    async move(viewer, id, input, moveOptions = {}) {
      const { c, version } = await load(viewer, id);
      const move: StageMove = parseInput(ZStageMove, input, 'stage move');
      if (moveOptions.expectedVersion !== undefined && moveOptions.expectedVersion !== version) {
        throw new DomainError(
          'precondition_failed',
          `consultation ${id} changed since you read it (version ${version}, you sent ${moveOptions.expectedVersion}); reload it`,
          { field: 'If-Match', currentVersion: version },
        );
      }
      // The requester may withdraw; everything else is the assigned coordinators' job.
      const requesterWithdraws =
        viewer.kind === 'account' &&
        viewer.organisationId === c.requesterId &&
        move.to === 'closed' &&
        move.outcome === 'withdrawn';
      const actorId =
        requesterWithdraws && viewer.kind === 'account'
          ? viewer.accountId
          : requireAssigned(viewer, c, 'move it');
      const next = applyStageMove(c, move, now());
      await repos.transaction(async (tx) => {
        if (!(await tx.consultations.update(next, version))) {
          throw new DomainError('conflict', `consultation ${id} changed meanwhile; try again`);
        }
        await tx.consultations.appendEvent(
          event(
            c,
            actorId,
            'moved',
            {
              ...(move.agreementType !== undefined ? { agreementType: move.agreementType } : {}),
              ...(move.outcome !== undefined ? { outcome: move.outcome } : {}),
              ...(move.reason !== undefined ? { reason: move.reason } : {}),
            },
            { fromStage: c.stage, toStage: next.stage },
          ),
        );
      });
      return next;
    },

    async assign(viewer, id, coordinatorId) {
      const { c, version } = await load(viewer, id);
      if (viewer.kind !== 'account' || !isCoordinator(viewer)) {
        throw new DomainError('forbidden', 'only coordinators assign consultations');
      }
      // Taking an unassigned case is allowed; adding colleagues needs to be on the case already.
      if (
        !isAssigned(viewer, c) &&
        !(c.coordinatorIds.length === 0 && coordinatorId === viewer.accountId)
      ) {
        throw new DomainError(
          'forbidden',
          `only a coordinator assigned to consultation ${id} may add others`,
        );
      }
      if (c.coordinatorIds.includes(coordinatorId)) return c;
      const next = { ...c, coordinatorIds: [...c.coordinatorIds, coordinatorId] };
      await save(next, version);
      await repos.consultations.appendEvent(
        event(c, viewer.accountId, 'assigned', { coordinatorId }),
      );
      return next;
    },

    async unassign(viewer, id, coordinatorId) {
      const { c, version } = await load(viewer, id);
      const actorId = requireAssigned(viewer, c, 'change its coordinators');
      if (!c.coordinatorIds.includes(coordinatorId)) return c;
      const next = { ...c, coordinatorIds: c.coordinatorIds.filter((x) => x !== coordinatorId) };
      await save(next, version);
      await repos.consultations.appendEvent(event(c, actorId, 'unassigned', { coordinatorId }));
      return next;
    },

    async addNote(viewer, id, text) {
      const { c } = await load(viewer, id);
      const actorId = requireAssigned(viewer, c, 'add notes');
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.length > 10_000) {
        throw new DomainError('validation_failed', 'a note has 1 to 10,000 characters');
      }
      await repos.consultations.appendEvent(event(c, actorId, 'note', { text: trimmed }));
    },

    async proposeCandidates(viewer, id, seedIds) {
      const { c } = await load(viewer, id);
      const actorId = requireAssigned(viewer, c, 'propose candidates');
      if (seedIds.length === 0)
        throw new DomainError('validation_failed', 'propose at least one seed');
      const existing = await repos.entity('seeds').findExisting(seedIds);
      const unknown = seedIds.filter((s) => !existing.has(s));
      if (unknown.length > 0) {
        throw new DomainError('unknown_reference', `unknown seed(s): ${unknown.join(', ')}`, {
          unknown,
        });
      }
      await repos.consultations.appendEvent(
        event(c, actorId, 'candidate_proposed', { seedIds: [...seedIds] }),
      );
      if (c.stage === 'triage') return service.move(viewer, id, { to: 'candidates_proposed' });
      return c;
    },

    async judgeCandidate(viewer, id, input) {
      const { c } = await load(viewer, id);
      const judgement = parseInput(ZCandidateJudgement, input, 'judgement');
      if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
      if (!isAssigned(viewer, c) && viewer.organisationId !== c.requesterId) {
        throw new DomainError(
          'forbidden',
          'only the requester or an assigned coordinator judges candidates',
        );
      }
      await repos.consultations.appendEvent(
        event(
          c,
          viewer.accountId,
          judgement.decision === 'rejected' ? 'candidate_rejected' : 'candidate_chosen',
          {
            seedId: judgement.seedId,
            ...(judgement.reason !== undefined ? { reason: judgement.reason } : {}),
            ...(judgement.note !== undefined ? { note: judgement.note } : {}),
          },
        ),
      );
      if (options.matching !== undefined) {
        await options.matching.recordFeedback(viewer, {
          needId: c.needId,
          seedId: judgement.seedId,
          decision: judgement.decision,
          consultationId: c.id,
          ...(judgement.reason !== undefined ? { reason: judgement.reason } : {}),
          ...(judgement.note !== undefined ? { note: judgement.note } : {}),
        });
      }
    },
  };
  return service;
}
