/**
 * Reading consultations as a viewer may see them: one consultation with its need and the need's
 * access facts (not_found when the viewer may not see it), every consultation the viewer may see,
 * and the audit entry for an administrator's read of a confidential need's consultation.
 */
import type { Consultation } from '#core/consultation.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import type { NeedAccessFacts } from '#core/need-access.ts';
import type { Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { appendAudit } from '../accounts/write-audit.ts';
import { loadNeedAccessFacts } from '../matching/need-access-facts.ts';
import { mayViewConsultation } from './consultation-access.ts';

/** A consultation the viewer may see, with its need (when readable) and the need's access facts. */
export interface ConsultationEntry {
  readonly c: Consultation;
  readonly need: Need | undefined;
  readonly facts: NeedAccessFacts;
}

export interface ConsultationReads {
  loadNeed(needId: string): Promise<Need | undefined>;
  /** The consultation, its need and the access facts, or not_found when the viewer may not see it. */
  load(viewer: Viewer, id: string): Promise<ConsultationEntry & { version: number }>;
  /** The consultations the viewer may see, each with its need and the need's access facts. */
  visibleEntries(viewer: Viewer): Promise<ConsultationEntry[]>;
  /**
   * Administrators see consultations on confidential needs they are not assigned to (with the
   * need's title): each such read is audited.
   */
  auditAdministratorReads(viewer: Viewer, entries: readonly ConsultationEntry[]): Promise<void>;
}

export function createConsultationReads(options: {
  readonly repos: Repositories;
  readonly now: () => string;
}): ConsultationReads {
  const { repos, now } = options;

  const loadNeed = async (needId: string): Promise<Need | undefined> => {
    const stored = await repos.entity('needs').get(needId);
    const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
    return parsed?.success ? parsed.data : undefined;
  };

  const load: ConsultationReads['load'] = async (viewer, id) => {
    const stored = await repos.consultations.get(id);
    if (stored === undefined) throw new DomainError('not_found', `no consultation ${id}`);
    const c = stored.record;
    const need = await loadNeed(c.needId);
    const facts = await loadNeedAccessFacts(repos, c.needId);
    if (!mayViewConsultation(viewer, c, need, facts))
      throw new DomainError('not_found', `no consultation ${id}`);
    return { c, version: stored.version, need, facts };
  };

  const visibleEntries: ConsultationReads['visibleEntries'] = async (viewer) => {
    if (viewer.kind !== 'account') return [];
    const all = await repos.consultations.list();
    const out: ConsultationEntry[] = [];
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
      if (mayViewConsultation(viewer, c, entry.need, entry.facts)) out.push({ c, ...entry });
    }
    return out;
  };

  const auditAdministratorReads: ConsultationReads['auditAdministratorReads'] = async (
    viewer,
    entries,
  ) => {
    if (viewer.kind !== 'account' || viewer.role !== 'admin') return;
    const read = entries.filter(
      ({ c, need, facts }) =>
        (need?.confidentiality ?? 'confidential') === 'confidential' &&
        viewer.organisationId !== c.requesterId &&
        !c.coordinatorIds.includes(viewer.accountId) &&
        !facts.assignedAccountIds.has(viewer.accountId),
    );
    if (read.length === 0) return;
    await repos.transaction(async (tx) => {
      for (const { c } of read)
        await appendAudit(
          tx,
          { accountId: viewer.accountId, at: now() },
          {
            action: 'read',
            entity: 'consultations',
            entityId: c.id,
            after: { needId: c.needId, as: 'admin' },
          },
        );
    });
  };

  return { loadNeed, load, visibleEntries, auditAdministratorReads };
}
