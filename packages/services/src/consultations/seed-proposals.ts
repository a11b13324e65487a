/**
 * Feedback to seed owners (シーズ提案の結果): for each consultation where a seed was proposed as a
 * candidate, the case's stage, the judgement, the reason given and the dates. Seen by the seed's
 * organisation members, coordinators and administrators. A need the viewer may not see is shown
 * only by its published digest (or not at all): never its title or description; the free note of
 * a judgement is shown only to those who may see the need (it may quote it).
 */
import {
  REJECTION_REASON_LABELS_JA,
  REJECTION_REASONS,
  type CloseOutcome,
  type ConsultationStage,
  type RejectionReason,
} from '#core/consultation.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZNeed } from '#core/entities/need.ts';
import { canViewNeed } from '#core/need-access.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { isCoordinator, type Viewer } from '#core/viewer.ts';
import { appendAudit } from '../accounts/write-audit.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';

export interface SeedProposal {
  consultationId: string;
  stage: ConsultationStage;
  outcome?: CloseOutcome;
  proposedAt: string;
  /** The latest judgement on this seed in this consultation, if any. */
  judgement: {
    decision: 'chosen' | 'rejected';
    reason?: RejectionReason;
    reasonJa?: string;
    note?: string;
    at: string;
  } | null;
  /** The need as far as the viewer may see it. */
  need:
    | { visible: true; id: string; title: string; confidentiality: string }
    | {
        visible: false;
        confidentiality: string;
        digest?: { digestId: string; title: string; summary: string };
      };
}

export async function listSeedProposals(
  repos: Repositories,
  clock: Clock,
  viewer: Viewer,
  seedId: string,
): Promise<SeedProposal[]> {
  if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
  const seed = await repos.entity('seeds').get(seedId);
  if (seed === undefined) throw new DomainError('not_found', `no seed ${seedId}`);
  const owner = seed.record['ownerId'];
  if (viewer.organisationId !== owner && !isCoordinator(viewer)) {
    throw new DomainError(
      'forbidden',
      `only members of the seed's organisation, coordinators and administrators see where seed ${seedId} was proposed`,
    );
  }
  const consultations = await repos.consultations.list();
  const events = await repos.consultations.eventsOf(consultations.map((c) => c.id));
  const byId = new Map(consultations.map((c) => [c.id, c]));
  const proposals = new Map<string, SeedProposal>();
  const needViews = new Map<string, SeedProposal['need']>();
  const readConfidential = new Set<string>();

  const needView = async (needId: string): Promise<SeedProposal['need']> => {
    const known = needViews.get(needId);
    if (known !== undefined) return known;
    const stored = await repos.entity('needs').get(needId);
    const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
    let view: SeedProposal['need'];
    if (parsed?.success === true) {
      const need = parsed.data;
      const facts = await loadNeedAccessFacts(repos, needId);
      if (canViewNeed(viewer, need, facts)) {
        view = {
          visible: true,
          id: needId,
          title: need.title,
          confidentiality: need.confidentiality,
        };
        if (need.confidentiality === 'confidential' && need.ownerId !== viewer.organisationId)
          readConfidential.add(needId);
      } else {
        const digest = await repos.disclosures.getDigest(needId);
        view = {
          visible: false,
          confidentiality: need.confidentiality,
          ...(digest !== undefined && digest.withdrawnAt === undefined
            ? {
                digest: { digestId: digest.digestId, title: digest.title, summary: digest.summary },
              }
            : {}),
        };
      }
    } else {
      view = { visible: false, confidentiality: 'confidential' };
    }
    needViews.set(needId, view);
    return view;
  };

  for (const event of events) {
    const c = byId.get(event.consultationId);
    if (c === undefined) continue;
    if (event.kind === 'candidate_proposed') {
      const seedIds = event.data['seedIds'];
      if (!Array.isArray(seedIds) || !seedIds.includes(seedId) || proposals.has(c.id)) continue;
      proposals.set(c.id, {
        consultationId: c.id,
        stage: c.stage,
        ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
        proposedAt: event.at,
        judgement: null,
        need: await needView(c.needId),
      });
    } else if (
      (event.kind === 'candidate_rejected' || event.kind === 'candidate_chosen') &&
      event.data['seedId'] === seedId
    ) {
      const proposal = proposals.get(c.id);
      if (proposal === undefined) continue;
      const reason = REJECTION_REASONS_BY_NAME.get(String(event.data['reason']));
      const note = event.data['note'];
      proposal.judgement = {
        decision: event.kind === 'candidate_chosen' ? 'chosen' : 'rejected',
        ...(reason !== undefined ? { reason, reasonJa: REJECTION_REASON_LABELS_JA[reason] } : {}),
        ...(typeof note === 'string' && proposal.need.visible ? { note } : {}),
        at: event.at,
      };
    }
  }
  if (readConfidential.size > 0) {
    const at = clock.now().toISOString();
    await repos.transaction(async (tx) => {
      for (const needId of readConfidential)
        await appendAudit(
          tx,
          { accountId: viewer.accountId, at },
          {
            action: 'read',
            entity: 'needs',
            entityId: needId,
            after: { via: 'seed-proposals', seedId, role: viewer.role },
          },
        );
    });
  }
  return [...proposals.values()].sort((a, b) => b.proposedAt.localeCompare(a.proposedAt));
}

const REJECTION_REASONS_BY_NAME = new Map<string, RejectionReason>(
  REJECTION_REASONS.map((reason) => [reason, reason]),
);
