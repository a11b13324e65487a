/**
 * Consultation (相談): a coordinator's case opened from a need, from intake to outcome.
 *
 *   intake → triage → candidates_proposed → meeting → agreement → closed
 *
 * Moves go forward one stage; a coordinator may choose to step back one stage (a meeting that
 * goes nowhere returns to candidates_proposed) by saying so (`back: true`) with a reason. Any
 * open stage may close as lost or withdrawn; only an agreement closes
 * as won. Every change is an event in the consultation's history (who, what, when).
 */
import { z } from 'zod';
import { DomainError } from './domain-error.ts';
import { ZExternalId, ZPrefectureCode } from './fields.ts';

export const CONSULTATION_STAGES = [
  'intake',
  'triage',
  'candidates_proposed',
  'meeting',
  'agreement',
  'closed',
] as const;
export type ConsultationStage = (typeof CONSULTATION_STAGES)[number];

export const CONSULTATION_STAGE_LABELS_JA: Record<ConsultationStage, string> = {
  intake: '受付',
  triage: '振り分け',
  candidates_proposed: '候補提案',
  meeting: '面談',
  agreement: '合意',
  closed: '終了',
};

/** Kinds of agreement (合意): 共同研究, ライセンス, 受託研究. */
export const AGREEMENT_TYPES = ['joint_research', 'license', 'contract_research'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export const CLOSE_OUTCOMES = ['won', 'lost', 'withdrawn'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** Structured reasons a requester gives when a proposed candidate does not fit. */
export const REJECTION_REASONS = [
  'too_early_stage',
  'benefit_unclear',
  'route_to_market_unclear',
  'wrong_field',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABELS_JA: Record<RejectionReason, string> = {
  too_early_stage: '研究段階が早すぎる',
  benefit_unclear: '効果が不明確',
  route_to_market_unclear: '事業化の道筋が不明確',
  wrong_field: '分野違い',
};

const ZIsoTimestamp = z.iso.datetime({ offset: true });

export const ZConsultation = z.object({
  id: z.string().min(1),
  needId: ZExternalId,
  stage: z.enum(CONSULTATION_STAGES),
  /** The requester: the need's owner organisation. */
  requesterId: ZExternalId,
  prefectureCode: ZPrefectureCode.optional(),
  field: z.string().max(200).optional(),
  /** Coordinator account ids (opaque until accounts exist; then they are account ids). */
  coordinatorIds: z.array(z.string().min(1)),
  agreementType: z.enum(AGREEMENT_TYPES).optional(),
  outcome: z.enum(CLOSE_OUTCOMES).optional(),
  closeReason: z.string().max(2000).optional(),
  openedBy: z.string().min(1),
  openedAt: ZIsoTimestamp,
  stageEnteredAt: ZIsoTimestamp,
  closedAt: ZIsoTimestamp.optional(),
});
export type Consultation = z.infer<typeof ZConsultation>;

export const CONSULTATION_EVENT_KINDS = [
  'opened',
  'moved',
  'assigned',
  'unassigned',
  'note',
  'candidate_proposed',
  'candidate_rejected',
  'candidate_chosen',
] as const;
export type ConsultationEventKind = (typeof CONSULTATION_EVENT_KINDS)[number];

export const ZConsultationEvent = z.object({
  consultationId: z.string().min(1),
  /** Order within the consultation, from 1. */
  seq: z.number().int().min(1),
  at: ZIsoTimestamp,
  /** Account that did it. */
  actorId: z.string().min(1),
  kind: z.enum(CONSULTATION_EVENT_KINDS),
  fromStage: z.enum(CONSULTATION_STAGES).optional(),
  toStage: z.enum(CONSULTATION_STAGES).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type ConsultationEvent = z.infer<typeof ZConsultationEvent>;

/** The open stages in order; a move goes forward (any later open stage is not skipped to). */
const FORWARD: Record<ConsultationStage, readonly ConsultationStage[]> = {
  intake: ['triage'],
  triage: ['candidates_proposed'],
  candidates_proposed: ['meeting'],
  meeting: ['agreement'],
  agreement: [],
  closed: [],
};

/** The stage one step back, where a person may choose to return (none from intake or closed). */
const BACK: Record<ConsultationStage, ConsultationStage | undefined> = {
  intake: undefined,
  triage: 'intake',
  candidates_proposed: 'triage',
  meeting: 'candidates_proposed',
  agreement: 'meeting',
  closed: undefined,
};

/** Stages reachable from `stage` in one forward move (closing included). */
export function nextStages(stage: ConsultationStage): ConsultationStage[] {
  return stage === 'closed' ? [] : [...FORWARD[stage], 'closed'];
}

/** The stage a person may go back to (with `back: true` and a reason), if any. */
export function previousStage(stage: ConsultationStage): ConsultationStage | undefined {
  return BACK[stage];
}

export const ZStageMove = z
  .object({
    to: z.enum(CONSULTATION_STAGES),
    agreementType: z.enum(AGREEMENT_TYPES).optional(),
    outcome: z.enum(CLOSE_OUTCOMES).optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
    /** A person chose to go back one stage (needs a reason); moves otherwise only go forward. */
    back: z.boolean().optional(),
  })
  .superRefine((move, ctx) => {
    if (move.back === true && move.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'going back a stage needs a reason',
      });
    }
    if (move.to === 'agreement' && move.agreementType === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['agreementType'],
        message: 'an agreement needs its type: joint_research | license | contract_research',
      });
    }
    if (move.to === 'closed') {
      if (move.outcome === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['outcome'],
          message: 'closing needs an outcome: won | lost | withdrawn',
        });
      } else if (move.outcome !== 'won' && move.reason === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `closing as ${move.outcome} needs a reason`,
        });
      }
    }
  });
export type StageMove = z.infer<typeof ZStageMove>;

/** Applies a move (validated by ZStageMove) at `at`; throws precondition_failed when not allowed. */
export function applyStageMove(
  consultation: Consultation,
  move: StageMove,
  at: string,
): Consultation {
  const from = consultation.stage;
  const back = previousStage(from);
  if (move.back === true) {
    if (back === undefined || move.to !== back) {
      throw new DomainError(
        'precondition_failed',
        `a consultation in ${from} can go back only to ${back ?? 'no stage'}, not to ${move.to}`,
        { from, to: move.to, back: back ?? null },
      );
    }
  } else if (!nextStages(from).includes(move.to)) {
    throw new DomainError(
      'precondition_failed',
      move.to === back
        ? `moving a consultation from ${from} back to ${move.to} must be chosen: send back: true with a reason`
        : `a consultation in ${from} cannot move to ${move.to} (next: ${nextStages(from).join(', ') || 'none'})`,
      { from, to: move.to, next: nextStages(from), back: back ?? null },
    );
  }
  if (move.to === 'closed' && move.outcome === 'won' && from !== 'agreement') {
    throw new DomainError('precondition_failed', 'only a consultation in agreement closes as won', {
      from,
    });
  }
  const next: Consultation = { ...consultation, stage: move.to, stageEnteredAt: at };
  if (move.to === 'agreement') next.agreementType = move.agreementType;
  if (move.back === true && from === 'agreement') delete next.agreementType;
  if (move.to === 'closed') {
    next.outcome = move.outcome;
    next.closedAt = at;
    if (move.reason !== undefined) next.closeReason = move.reason;
  }
  return next;
}

/** Target time in each open stage before a consultation is overdue (hours). */
export type ResponseTargets = Record<Exclude<ConsultationStage, 'closed'>, number>;

/** Defaults: first answer within 2 days, candidates within a week, a meeting within a month. */
export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  intake: 48,
  triage: 5 * 24,
  candidates_proposed: 14 * 24,
  meeting: 30 * 24,
  agreement: 60 * 24,
};

export interface OverdueStatus {
  readonly overdue: boolean;
  /** When the current stage's target falls (undefined when closed). */
  readonly dueAt?: string;
  /** Hours past the target (0 when not overdue). */
  readonly hoursOverdue: number;
}

export function overdueStatus(
  consultation: Pick<Consultation, 'stage' | 'stageEnteredAt'>,
  now: Date,
  targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS,
): OverdueStatus {
  if (consultation.stage === 'closed') return { overdue: false, hoursOverdue: 0 };
  const due = Date.parse(consultation.stageEnteredAt) + targets[consultation.stage] * 3_600_000;
  const late = (now.getTime() - due) / 3_600_000;
  return {
    overdue: late > 0,
    dueAt: new Date(due).toISOString(),
    hoursOverdue: late > 0 ? Math.round(late * 10) / 10 : 0,
  };
}
