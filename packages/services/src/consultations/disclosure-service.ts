/**
 * Staged disclosure of a confidential need: publish an anonymous digest → seed owners express
 * interest → the owner accepts (e.g. under an NDA) or declines → only then the accepted
 * organisation sees the identity and the full text. Every step is recorded.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '#core/domain-error.ts';
import type { DisclosureEvent, DisclosureRequest, NeedDigest } from '#core/disclosure.ts';
import { ZActor } from '#core/entities/actor.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { canManageNeed, canViewNeed, isNeedOwner } from '#core/need-access.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { anonymiseNeedText } from '#matching/anonymize-need.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';

/** A digest as anyone sees it: no need id, no owner. */
export type PublicDigest = Omit<NeedDigest, 'needId' | 'publishedBy'>;

export interface DisclosureService {
  publishDigest(viewer: Viewer, needId: string): Promise<PublicDigest>;
  withdrawDigest(viewer: Viewer, needId: string): Promise<void>;
  listDigests(viewer: Viewer): Promise<PublicDigest[]>;
  expressInterest(
    viewer: Viewer,
    digestId: string,
    message?: string,
  ): Promise<{ requestId: string }>;
  /** Owner only: accept (disclose) or decline an organisation's interest. */
  decide(
    viewer: Viewer,
    requestId: string,
    decision: { accept: boolean; agreementRef?: string },
  ): Promise<DisclosureRequest>;
  /** The full need for those allowed (owner, assigned coordinators, accepted organisations). */
  fullNeed(viewer: Viewer, needId: string): Promise<Need>;
  /** Interests and the event log, for the owner and assigned coordinators. */
  history(
    viewer: Viewer,
    needId: string,
  ): Promise<{ requests: DisclosureRequest[]; events: DisclosureEvent[] }>;
}

function toPublic(digest: NeedDigest): PublicDigest {
  return {
    digestId: digest.digestId,
    title: digest.title,
    summary: digest.summary,
    sdgs: digest.sdgs,
    keywords: digest.keywords,
    publishedAt: digest.publishedAt,
    ...(digest.field !== undefined ? { field: digest.field } : {}),
    ...(digest.withdrawnAt !== undefined ? { withdrawnAt: digest.withdrawnAt } : {}),
  };
}

export function createDisclosureService(options: {
  repos: Repositories;
  clock?: Clock;
}): DisclosureService {
  const { repos } = options;
  const clock = options.clock ?? systemClock;
  const now = (): string => clock.now().toISOString();

  const loadVisibleNeed = async (viewer: Viewer, needId: string) => {
    const stored = await repos.entity('needs').get(needId);
    const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
    const facts = await loadNeedAccessFacts(repos, needId);
    if (parsed === undefined || !parsed.success || !canViewNeed(viewer, parsed.data, facts)) {
      throw new DomainError('not_found', `no need ${needId}`);
    }
    return { need: parsed.data, facts };
  };

  const manage = async (
    viewer: Viewer,
    needId: string,
  ): Promise<{ need: Need; actorId: string }> => {
    if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
    const { need, facts } = await loadVisibleNeed(viewer, needId);
    if (!canManageNeed(viewer, need, facts)) {
      throw new DomainError('forbidden', 'only the owner or an assigned coordinator may do this');
    }
    return { need, actorId: viewer.accountId };
  };

  /** Names that identify the owner: its own forms. */
  const identifyingNames = async (need: Need): Promise<string[]> => {
    const stored = await repos.entity('actors').get(need.ownerId);
    const owner = stored === undefined ? undefined : ZActor.safeParse(stored.record);
    if (owner === undefined || !owner.success) return [];
    return [owner.data.name, owner.data.nameEn ?? '', owner.data.nameKana ?? ''].filter(
      (n) => n !== '',
    );
  };

  return {
    async publishDigest(viewer, needId) {
      const { need, actorId } = await manage(viewer, needId);
      const text = anonymiseNeedText(need, await identifyingNames(need));
      const existing = await repos.disclosures.getDigest(needId);
      const digest: NeedDigest = {
        needId,
        digestId: existing?.digestId ?? `d-${randomUUID().slice(0, 8)}`,
        title: text.title,
        summary: text.summary,
        sdgs: need.sdgs,
        keywords: text.keywords,
        publishedBy: actorId,
        publishedAt: now(),
        ...(need.field !== undefined ? { field: need.field } : {}),
      };
      await repos.disclosures.saveDigest(digest);
      await repos.disclosures.appendEvent({
        needId,
        at: digest.publishedAt,
        actorId,
        kind: 'digest_published',
        data: { digestId: digest.digestId },
      });
      return toPublic(digest);
    },

    async withdrawDigest(viewer, needId) {
      const { actorId } = await manage(viewer, needId);
      const digest = await repos.disclosures.getDigest(needId);
      if (digest === undefined) throw new DomainError('not_found', `need ${needId} has no digest`);
      await repos.disclosures.saveDigest({ ...digest, withdrawnAt: now() });
      await repos.disclosures.appendEvent({
        needId,
        at: now(),
        actorId,
        kind: 'digest_withdrawn',
        data: {},
      });
    },

    async listDigests() {
      return (await repos.disclosures.listDigests()).map(toPublic);
    },

    async expressInterest(viewer, digestId, message) {
      if (viewer.kind !== 'account' || viewer.organisationId === null) {
        throw new DomainError(
          'unauthenticated',
          'sign in with an organisation account to express interest',
        );
      }
      const digest = await repos.disclosures.findDigest(digestId);
      if (digest === undefined || digest.withdrawnAt !== undefined) {
        throw new DomainError('not_found', `no digest ${digestId}`);
      }
      const existing = (await repos.disclosures.listRequests(digest.needId)).find(
        (r) => r.organisationId === viewer.organisationId,
      );
      if (existing !== undefined) return { requestId: existing.id };
      const request: DisclosureRequest = {
        id: randomUUID(),
        needId: digest.needId,
        organisationId: viewer.organisationId,
        requestedBy: viewer.accountId,
        status: 'interested',
        createdAt: now(),
        ...(message !== undefined ? { message: message.slice(0, 2000) } : {}),
      };
      await repos.disclosures.saveRequest(request);
      await repos.disclosures.appendEvent({
        needId: digest.needId,
        at: request.createdAt,
        actorId: viewer.accountId,
        kind: 'interest_expressed',
        organisationId: viewer.organisationId,
        data: { requestId: request.id },
      });
      return { requestId: request.id };
    },

    async decide(viewer, requestId, decision) {
      if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
      const request = await repos.disclosures.getRequest(requestId);
      if (request === undefined) throw new DomainError('not_found', `no request ${requestId}`);
      const { need } = await loadVisibleNeed(viewer, request.needId);
      // Only the owner discloses its own identity; an assigned coordinator cannot do it for them.
      if (!isNeedOwner(viewer, need)) {
        throw new DomainError('forbidden', 'only the owner organisation decides on disclosure');
      }
      if (request.status !== 'interested') {
        throw new DomainError(
          'precondition_failed',
          `request ${requestId} is already ${request.status}`,
        );
      }
      const decided: DisclosureRequest = {
        ...request,
        status: decision.accept ? 'accepted' : 'declined',
        decidedAt: now(),
        decidedBy: viewer.accountId,
        ...(decision.agreementRef !== undefined ? { agreementRef: decision.agreementRef } : {}),
      };
      await repos.disclosures.saveRequest(decided);
      await repos.disclosures.appendEvent({
        needId: request.needId,
        at: decided.decidedAt ?? now(),
        actorId: viewer.accountId,
        kind: decision.accept ? 'disclosure_accepted' : 'disclosure_declined',
        organisationId: request.organisationId,
        data: {
          requestId,
          ...(decision.agreementRef !== undefined ? { agreementRef: decision.agreementRef } : {}),
        },
      });
      return decided;
    },

    async fullNeed(viewer, needId) {
      const { need, facts } = await loadVisibleNeed(viewer, needId);
      if (
        viewer.kind === 'account' &&
        need.confidentiality === 'confidential' &&
        !canManageNeed(viewer, need, facts)
      ) {
        await repos.disclosures.appendEvent({
          needId,
          at: now(),
          actorId: viewer.accountId,
          kind: 'full_text_viewed',
          ...(viewer.organisationId !== null ? { organisationId: viewer.organisationId } : {}),
          data: {},
        });
      }
      return need;
    },

    async history(viewer, needId) {
      await manage(viewer, needId);
      return {
        requests: await repos.disclosures.listRequests(needId),
        events: await repos.disclosures.events(needId),
      };
    },
  };
}
