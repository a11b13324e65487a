/**
 * Staged disclosure of a confidential need: publish an anonymous digest → seed owners express
 * interest → the owner accepts (e.g. under an NDA) or declines → only then the accepted
 * organisation sees the identity and the full text. Every step is recorded (disclosure events)
 * and audited.
 *
 * Withdrawal ends access: the interested organisation may withdraw its interest, the owner may
 * withdraw a disclosure it accepted, and withdrawing the digest withdraws every interest and
 * disclosure of the need. A withdrawn organisation no longer reads the need (until the owner
 * accepts a new interest).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '#core/domain-error.ts';
import type { DisclosureEvent, DisclosureRequest, NeedDigest } from '#core/disclosure.ts';
import { ZActor } from '#core/entities/actor.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { canManageNeed, canViewNeed, isNeedOwner } from '#core/need-access.ts';
import { SILENT_SINK, type NotificationSink } from '#core/notifications.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { anonymiseNeedText } from '#matching/anonymize-need.ts';
import { appendAudit, type AuditChange } from '../accounts/write-audit.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';

/** A digest as anyone sees it: no need id, no owner. */
export type PublicDigest = Omit<NeedDigest, 'needId' | 'publishedBy'> & {
  /** The viewer's organisation's own interest in it, while open (never another's). */
  myInterest?: { requestId: string; status: 'interested' | 'accepted' };
};

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
  /**
   * Ends an interest or a disclosure: by a member of the interested organisation (withdraws its
   * interest) or of the owner organisation (withdraws the disclosure).
   */
  withdraw(viewer: Viewer, requestId: string): Promise<DisclosureRequest>;
  /** The full need for those allowed (owner, assigned coordinators, accepted organisations). */
  fullNeed(viewer: Viewer, needId: string): Promise<Need>;
  /** Interests and the event log, for the owner, assigned coordinators and administrators. */
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
  /** Told what happened after each change is committed (notifications). */
  notifications?: NotificationSink;
}): DisclosureService {
  const { repos } = options;
  const sink = options.notifications ?? SILENT_SINK;
  const clock = options.clock ?? systemClock;
  const now = (): string => clock.now().toISOString();
  const audit = (repo: Repositories, accountId: string, change: AuditChange) =>
    appendAudit(repo, { accountId, at: now() }, change);
  const requestNotFound = (requestId: string) =>
    new DomainError('not_found', `no disclosure request ${requestId}`);

  /** Marks requests withdrawn, with their events and audit entries. */
  const withdrawRequests = async (
    tx: Repositories,
    requests: readonly DisclosureRequest[],
    actorId: string,
    by: 'owner' | 'requester',
  ): Promise<DisclosureRequest[]> => {
    const out: DisclosureRequest[] = [];
    for (const request of requests) {
      const withdrawn: DisclosureRequest = { ...request, status: 'withdrawn' };
      await tx.disclosures.saveRequest(withdrawn);
      await tx.disclosures.appendEvent({
        needId: request.needId,
        at: now(),
        actorId,
        kind: 'disclosure_withdrawn',
        organisationId: request.organisationId,
        data: { requestId: request.id, by, was: request.status },
      });
      await audit(tx, actorId, {
        action: 'withdraw',
        entity: 'disclosure-requests',
        entityId: request.id,
        before: { status: request.status },
        after: { status: 'withdrawn', by, organisationId: request.organisationId },
      });
      out.push(withdrawn);
    }
    return out;
  };

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
    if (need.ownerId === undefined) return need.ownerName === undefined ? [] : [need.ownerName];
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
      await repos.transaction(async (tx) => {
        await tx.disclosures.saveDigest(digest);
        await tx.disclosures.appendEvent({
          needId,
          at: digest.publishedAt,
          actorId,
          kind: 'digest_published',
          data: { digestId: digest.digestId },
        });
        await audit(tx, actorId, {
          action: 'publish',
          entity: 'need-digests',
          entityId: needId,
          after: { digestId: digest.digestId },
        });
      });
      return toPublic(digest);
    },

    async withdrawDigest(viewer, needId) {
      const { actorId } = await manage(viewer, needId);
      const digest = await repos.disclosures.getDigest(needId);
      if (digest === undefined) throw new DomainError('not_found', `need ${needId} has no digest`);
      await repos.transaction(async (tx) => {
        await tx.disclosures.saveDigest({ ...digest, withdrawnAt: now() });
        await tx.disclosures.appendEvent({
          needId,
          at: now(),
          actorId,
          kind: 'digest_withdrawn',
          data: {},
        });
        await audit(tx, actorId, {
          action: 'withdraw',
          entity: 'need-digests',
          entityId: needId,
          after: { digestId: digest.digestId },
        });
        // The staged disclosure ends: no organisation keeps reading the need through it.
        const open = (await tx.disclosures.listRequests(needId)).filter(
          (r) => r.status === 'interested' || r.status === 'accepted',
        );
        await withdrawRequests(tx, open, actorId, 'owner');
      });
    },

    async listDigests(viewer) {
      const digests = await repos.disclosures.listDigests();
      const organisationId = viewer.kind === 'account' ? viewer.organisationId : null;
      if (organisationId === null) return digests.map(toPublic);
      return Promise.all(
        digests.map(async (digest) => {
          if (digest.withdrawnAt !== undefined) return toPublic(digest);
          const own = (await repos.disclosures.listRequests(digest.needId)).find(
            (r) =>
              r.organisationId === organisationId &&
              (r.status === 'interested' || r.status === 'accepted'),
          );
          return own === undefined
            ? toPublic(digest)
            : {
                ...toPublic(digest),
                myInterest: {
                  requestId: own.id,
                  status: own.status as 'interested' | 'accepted',
                },
              };
        }),
      );
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
      if (existing !== undefined && existing.status !== 'withdrawn')
        return { requestId: existing.id };
      const request: DisclosureRequest = {
        // One request per organisation and need: after a withdrawal the same request starts again.
        id: existing?.id ?? randomUUID(),
        needId: digest.needId,
        organisationId: viewer.organisationId,
        requestedBy: viewer.accountId,
        status: 'interested',
        createdAt: now(),
        ...(message !== undefined ? { message: message.slice(0, 2000) } : {}),
      };
      const organisationId = viewer.organisationId;
      await repos.transaction(async (tx) => {
        await tx.disclosures.saveRequest(request);
        await tx.disclosures.appendEvent({
          needId: digest.needId,
          at: request.createdAt,
          actorId: viewer.accountId,
          kind: 'interest_expressed',
          organisationId,
          data: { requestId: request.id },
        });
        await audit(tx, viewer.accountId, {
          action: 'interest',
          entity: 'disclosure-requests',
          entityId: request.id,
          after: { digestId, organisationId, status: 'interested' },
        });
      });
      await sink.publish({
        kind: 'interest_expressed',
        needId: digest.needId,
        requestId: request.id,
        organisationId,
        by: viewer.accountId,
      });
      return { requestId: request.id };
    },

    async decide(viewer, requestId, decision) {
      if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
      const request = await repos.disclosures.getRequest(requestId);
      if (request === undefined) throw requestNotFound(requestId);
      // Answer as if absent, without naming the need, to whoever may not see it.
      const { need } = await loadVisibleNeed(viewer, request.needId).catch((error: unknown) => {
        throw error instanceof DomainError && error.code === 'not_found'
          ? requestNotFound(requestId)
          : error;
      });
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
      await repos.transaction(async (tx) => {
        await tx.disclosures.saveRequest(decided);
        await tx.disclosures.appendEvent({
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
        await audit(tx, viewer.accountId, {
          action: 'decide',
          entity: 'disclosure-requests',
          entityId: requestId,
          before: { status: request.status },
          after: {
            status: decided.status,
            needId: request.needId,
            organisationId: request.organisationId,
            ...(decision.agreementRef !== undefined ? { agreementRef: decision.agreementRef } : {}),
          },
        });
      });
      await sink.publish({
        kind: 'disclosure_decided',
        needId: request.needId,
        requestId,
        organisationId: request.organisationId,
        accepted: decision.accept,
        by: viewer.accountId,
      });
      return decided;
    },

    async withdraw(viewer, requestId) {
      if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
      const request = await repos.disclosures.getRequest(requestId);
      if (request === undefined) throw requestNotFound(requestId);
      const stored = await repos.entity('needs').get(request.needId);
      const ownerId = stored === undefined ? undefined : stored.record['ownerId'];
      const by =
        viewer.organisationId !== null && viewer.organisationId === ownerId
          ? 'owner'
          : viewer.organisationId !== null && viewer.organisationId === request.organisationId
            ? 'requester'
            : undefined;
      if (by === undefined) throw requestNotFound(requestId);
      if (request.status === 'withdrawn' || request.status === 'declined') {
        throw new DomainError(
          'precondition_failed',
          `disclosure request ${requestId} is already ${request.status}`,
        );
      }
      const [withdrawn] = await repos.transaction((tx) =>
        withdrawRequests(tx, [request], viewer.accountId, by),
      );
      return withdrawn ?? { ...request, status: 'withdrawn' };
    },

    async fullNeed(viewer, needId) {
      const { need, facts } = await loadVisibleNeed(viewer, needId);
      // Reads by anyone outside the owner organisation are audited (its own members are not).
      if (
        viewer.kind === 'account' &&
        need.confidentiality === 'confidential' &&
        !isNeedOwner(viewer, need)
      ) {
        const accountId = viewer.accountId;
        const organisationId = viewer.organisationId;
        await repos.transaction(async (tx) => {
          if (!canManageNeed(viewer, need, facts)) {
            await tx.disclosures.appendEvent({
              needId,
              at: now(),
              actorId: accountId,
              kind: 'full_text_viewed',
              ...(organisationId !== null ? { organisationId } : {}),
              data: {},
            });
          }
          await audit(tx, accountId, {
            action: 'read',
            entity: 'needs',
            entityId: needId,
            after: { via: 'disclosed', organisationId },
          });
        });
      }
      return need;
    },

    async history(viewer, needId) {
      if (viewer.kind === 'account' && viewer.role === 'admin') {
        // Administrators read every need's disclosure history; each read is audited.
        if ((await repos.entity('needs').get(needId)) === undefined)
          throw new DomainError('not_found', `no need ${needId}`);
        await audit(repos, viewer.accountId, {
          action: 'read',
          entity: 'need-disclosures',
          entityId: needId,
          after: { as: 'admin' },
        });
      } else await manage(viewer, needId);
      return {
        requests: await repos.disclosures.listRequests(needId),
        events: await repos.disclosures.events(needId),
      };
    },
  };
}
