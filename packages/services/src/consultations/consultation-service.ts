/**
 * Coordinator workflow (相談対応): open a consultation from a need, assign coordinators, move
 * it through its stages to an outcome, add notes, propose candidates and record why they were
 * rejected. Every step is an event (who, what, when) and an audit entry. The requester (the
 * need's owner organisation) sees its status and overdue flag; coordinators see the rest. A
 * confidential need's consultations are seen only by its owner, the coordinators assigned to the
 * need or to the consultation, and administrators.
 *
 * Coordinators of a consultation: only accounts that are coordinators (or administrators) and
 * that may see the need without the consultation's help (for a confidential need: its owner's
 * members, coordinators the owner assigned to the need, organisations it was disclosed to,
 * administrators). Nobody but an administrator removes the last coordinator.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  applyStageMove,
  type CloseOutcome,
  type ConsultationStage,
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
import type { Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canManageNeed, canViewNeed, isNeedOwner } from '#core/need-access.ts';
import { SILENT_SINK, type NotificationSink } from '#core/notifications.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { isCoordinator, type Viewer } from '#core/viewer.ts';
import { appendAudit, type AuditChange } from '../accounts/write-audit.ts';
import { eligibleCoordinators, requireConsultationCoordinator } from './consultation-access.ts';
import type { MatchingService } from '../matching/matching-service.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';
import { parseInput } from '../matching/parse-input.ts';
import { createConsultationReads } from './consultation-reads.ts';

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
  readonly stage: ConsultationStage;
  readonly outcome?: CloseOutcome;
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
  /** Told what happened after each change is committed (notifications). */
  readonly notifications?: NotificationSink;
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
    filter?: { stage?: string; mine?: boolean; overdueOnly?: boolean; needId?: string },
  ): Promise<(Consultation & { overdue: OverdueStatus })[]>;
  move(
    viewer: Viewer,
    id: string,
    move: z.input<typeof ZStageMove>,
    options?: { expectedVersion?: number },
  ): Promise<Consultation>;
  assign(viewer: Viewer, id: string, coordinatorId: string): Promise<Consultation>;
  unassign(viewer: Viewer, id: string, coordinatorId: string): Promise<Consultation>;
  /** The accounts `assign` accepts on the case, those on it included (for coordinators who see it). */
  coordinatorCandidates(viewer: Viewer, id: string): Promise<Account[]>;
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
  const sink = options.notifications ?? SILENT_SINK;
  const now = (): string => clock.now().toISOString();

  const { loadNeed, load, visibleEntries, auditAdministratorReads } = createConsultationReads({
    repos,
    now,
  });
  const audit = (repo: Repositories, accountId: string, change: AuditChange) =>
    appendAudit(repo, { accountId, at: now() }, change);

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

  const saveIn = async (tx: Repositories, next: Consultation, version: number): Promise<void> => {
    if (!(await tx.consultations.update(next, version))) {
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
      if (need.ownerId === undefined) {
        throw new DomainError(
          'validation_failed',
          `need ${needId} has no registered owner yet (${need.ownerName ?? 'owner unknown'}): register the owner first, then open the consultation ／ ニーズ ${needId} の所有者がまだ登録されていません。所有者を登録してから相談を開始してください`,
        );
      }
      const requesterId = need.ownerId;
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
        requesterId,
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
        await audit(tx, viewer.accountId, {
          action: 'open',
          entity: 'consultations',
          entityId: consultation.id,
          after: {
            needId,
            coordinatorIds: consultation.coordinatorIds,
            ...(opts.note !== undefined ? { note: true } : {}),
          },
        });
      });
      await sink.publish({
        kind: 'case_opened',
        consultationId: consultation.id,
        by: viewer.accountId,
      });
      return consultation;
    },

    async get(viewer, id) {
      const { c, version, need, facts } = await load(viewer, id);
      await auditAdministratorReads(viewer, [{ c, need, facts }]);
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
      const nowDate = clock.now();
      const entries = (await visibleEntries(viewer))
        .filter(({ c }) => filter.stage === undefined || c.stage === filter.stage)
        .filter(({ c }) => filter.needId === undefined || c.needId === filter.needId)
        .filter(({ c }) => filter.mine !== true || isAssigned(viewer, c))
        .map((entry) => ({ ...entry, overdue: overdueStatus(entry.c, nowDate, targets) }))
        .filter((entry) => filter.overdueOnly !== true || entry.overdue.overdue);
      await auditAdministratorReads(viewer, entries);
      return entries.map(({ c, overdue }) => ({ ...c, overdue }));
    },

    async visible(viewer) {
      return (await visibleEntries(viewer)).map((entry) => entry.c);
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
              ...(move.back === true ? { back: true } : {}),
            },
            { fromStage: c.stage, toStage: next.stage },
          ),
        );
        await audit(tx, actorId, {
          action: 'move',
          entity: 'consultations',
          entityId: id,
          before: { stage: c.stage },
          after: {
            stage: next.stage,
            ...(move.agreementType !== undefined ? { agreementType: move.agreementType } : {}),
            ...(move.outcome !== undefined ? { outcome: move.outcome } : {}),
            ...(move.back === true ? { back: true } : {}),
          },
        });
      });
      await sink.publish({
        kind: 'case_moved',
        consultationId: id,
        from: c.stage,
        to: next.stage,
        back: move.back === true,
        ...(move.outcome !== undefined ? { outcome: move.outcome } : {}),
        by: actorId,
      });
      return next;
    },

    async assign(viewer, id, coordinatorId) {
      const { c, version, need, facts } = await load(viewer, id);
      if (viewer.kind !== 'account' || !isCoordinator(viewer)) {
        throw new DomainError('forbidden', 'only coordinators assign consultations');
      }
      // Taking an unassigned case, or one on a need the owner assigned you to, is allowed; adding
      // colleagues needs to be on the case already (or an administrator).
      const takesItself =
        coordinatorId === viewer.accountId &&
        (c.coordinatorIds.length === 0 ||
          (need !== undefined && canManageNeed(viewer, need, facts)));
      if (!isAssigned(viewer, c) && viewer.role !== 'admin' && !takesItself) {
        throw new DomainError(
          'forbidden',
          `only a coordinator assigned to consultation ${id} may add others`,
        );
      }
      if (c.coordinatorIds.includes(coordinatorId)) return c;
      await requireConsultationCoordinator(repos, c, need, coordinatorId);
      const next = { ...c, coordinatorIds: [...c.coordinatorIds, coordinatorId] };
      await repos.transaction(async (tx) => {
        await saveIn(tx, next, version);
        await tx.consultations.appendEvent(
          event(c, viewer.accountId, 'assigned', { coordinatorId }),
        );
        await audit(tx, viewer.accountId, {
          action: 'assign',
          entity: 'consultation-coordinators',
          entityId: id,
          before: { coordinatorIds: c.coordinatorIds },
          after: { coordinatorIds: next.coordinatorIds, added: coordinatorId },
        });
      });
      await sink.publish({
        kind: 'case_assigned',
        consultationId: id,
        coordinatorId,
        by: viewer.accountId,
      });
      return next;
    },

    async unassign(viewer, id, coordinatorId) {
      const { c, version } = await load(viewer, id);
      const admin = viewer.kind === 'account' && viewer.role === 'admin';
      const actorId =
        admin && viewer.kind === 'account'
          ? viewer.accountId
          : requireAssigned(viewer, c, 'change its coordinators');
      if (!c.coordinatorIds.includes(coordinatorId)) return c;
      if (c.coordinatorIds.length === 1 && !admin) {
        throw new DomainError(
          'forbidden',
          `${coordinatorId} is the last coordinator of consultation ${id}; add another coordinator first (only an administrator may leave a case without one)`,
          { field: 'accountId' },
        );
      }
      const next = { ...c, coordinatorIds: c.coordinatorIds.filter((x) => x !== coordinatorId) };
      await repos.transaction(async (tx) => {
        await saveIn(tx, next, version);
        await tx.consultations.appendEvent(event(c, actorId, 'unassigned', { coordinatorId }));
        await audit(tx, actorId, {
          action: 'unassign',
          entity: 'consultation-coordinators',
          entityId: id,
          before: { coordinatorIds: c.coordinatorIds },
          after: { coordinatorIds: next.coordinatorIds, removed: coordinatorId },
        });
      });
      return next;
    },

    async coordinatorCandidates(viewer, id) {
      const { c, need } = await load(viewer, id);
      if (!isCoordinator(viewer)) {
        throw new DomainError('forbidden', 'only coordinators choose coordinators for a case');
      }
      return eligibleCoordinators(repos, c, need);
    },

    async addNote(viewer, id, text) {
      const { c } = await load(viewer, id);
      const actorId = requireAssigned(viewer, c, 'add notes');
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.length > 10_000) {
        throw new DomainError('validation_failed', 'a note has 1 to 10,000 characters');
      }
      await repos.transaction(async (tx) => {
        await tx.consultations.appendEvent(event(c, actorId, 'note', { text: trimmed }));
        // The note's text stays in the consultation's history; the audit says that one was added.
        await audit(tx, actorId, {
          action: 'note',
          entity: 'consultations',
          entityId: id,
          after: { characters: trimmed.length },
        });
      });
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
      await repos.transaction(async (tx) => {
        await tx.consultations.appendEvent(
          event(c, actorId, 'candidate_proposed', { seedIds: [...seedIds] }),
        );
        await audit(tx, actorId, {
          action: 'propose',
          entity: 'consultations',
          entityId: id,
          after: { seedIds: [...seedIds] },
        });
      });
      await sink.publish({
        kind: 'candidates_proposed',
        consultationId: id,
        seedIds: [...seedIds],
        by: actorId,
      });
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
      await repos.transaction(async (tx) => {
        await tx.consultations.appendEvent(
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
        await audit(tx, viewer.accountId, {
          action: 'judge',
          entity: 'consultations',
          entityId: id,
          after: {
            seedId: judgement.seedId,
            decision: judgement.decision,
            ...(judgement.reason !== undefined ? { reason: judgement.reason } : {}),
          },
        });
      });
      await sink.publish({
        kind: 'candidate_judged',
        consultationId: id,
        seedId: judgement.seedId,
        decision: judgement.decision,
        ...(judgement.reason !== undefined ? { reason: judgement.reason } : {}),
        by: viewer.accountId,
      });
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
