/**
 * The consultation case page's calls to the API, in one place (to move onto the contract's typed
 * client): the case, its moves, coordinators, candidates and judgements, the staged disclosure of
 * its need, the seeds' proposals and the digests.
 */
import { fetchJson } from '../../api/client.ts';
import { sendJson } from '../../api/send-json.tsx';
import type { ConsultationEvent, ConsultationItem, Stage } from '../../api/workflow-types.ts';

export const REJECTION_REASONS = [
  'too_early_stage',
  'benefit_unclear',
  'route_to_market_unclear',
  'wrong_field',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const AGREEMENT_TYPES = ['joint_research', 'license', 'contract_research'] as const;
export const CLOSE_OUTCOMES = ['won', 'lost', 'withdrawn'] as const;

export interface CaseDetail {
  consultation: Omit<ConsultationItem, 'version' | 'needTitle' | 'overdue'>;
  version: number;
  needTitle: string;
  overdue: ConsultationItem['overdue'];
  history: ConsultationEvent[];
  /** The case's coordinators by name (everyone who sees the case). */
  coordinators: { id: string; displayName: string }[];
}

export interface NextStages {
  stage: Stage;
  next: Stage[];
  back: Stage | null;
}

export interface Triage {
  consultationId: string;
  needId: string;
  title: string;
  keyTerms: { term: string; weight: number }[];
  suggestedField: { field: string; share: number; source: 'need' | 'seeds' } | null;
  researchers: { actorId: string; name: string; score: number }[];
  seeds: { seedId: string; title: string; ownerName: string; score: number }[];
}

export interface DisclosureRequest {
  id: string;
  needId: string;
  organisationId: string;
  status: 'interested' | 'accepted' | 'declined' | 'withdrawn';
  message?: string;
  createdAt: string;
  decidedAt?: string;
  agreementRef?: string;
}

export interface DisclosureEvent {
  at: string;
  kind: string;
  organisationId?: string;
  data: Record<string, unknown>;
}

export interface Digest {
  digestId: string;
  title: string;
  summary: string;
  keywords: string[];
  publishedAt: string;
  /** The organisation's own open interest in the digest. */
  myInterest?: { requestId: string; status: 'interested' | 'accepted' };
}

export interface SeedProposal {
  consultationId: string;
  stage: Stage;
  outcome?: string;
  proposedAt: string;
  judgement: {
    decision: 'chosen' | 'rejected';
    reason?: RejectionReason;
    note?: string;
    at: string;
  } | null;
  need:
    | { visible: true; id: string; title: string; confidentiality: string }
    | {
        visible: false;
        confidentiality: string;
        digest?: { digestId: string; title: string; summary: string };
      };
}

export interface CoordinatorAccount {
  id: string;
  displayName: string;
  role: string;
  /** On the case already. */
  onCase: boolean;
}

export interface ProfileConfirmation {
  actorId: string;
  confirmedAt: string | null;
  needsConfirmation: boolean;
}

export type MoveBody = {
  to: Stage;
  agreementType?: string;
  outcome?: string;
  reason?: string;
  back?: boolean;
};

const at = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;
const needAt = (id: string) => `/api/needs/${encodeURIComponent(id)}`;

export const workflowApi = {
  consultation: (id: string) => fetchJson<CaseDetail>(at(id)),
  nextStages: (id: string) => fetchJson<NextStages>(`${at(id)}/next-stages`),
  triage: (id: string) => fetchJson<Triage>(`${at(id)}/triage`),
  open: (needId: string, note?: string) =>
    sendJson<ConsultationItem>('POST', '/api/consultations', {
      needId,
      ...(note !== undefined && note.trim() !== '' ? { note: note.trim() } : {}),
    }),
  move: (id: string, version: number, body: MoveBody) =>
    sendJson<ConsultationItem>('POST', `${at(id)}/moves`, body, { 'If-Match': `"${version}"` }),
  addNote: (id: string, text: string) => sendJson('POST', `${at(id)}/notes`, { text }),
  assign: (id: string, accountId: string) =>
    sendJson<ConsultationItem>('PUT', `${at(id)}/coordinators/${encodeURIComponent(accountId)}`),
  unassign: (id: string, accountId: string) =>
    sendJson('DELETE', `${at(id)}/coordinators/${encodeURIComponent(accountId)}`),
  propose: (id: string, seedIds: string[]) =>
    sendJson<ConsultationItem>('POST', `${at(id)}/candidates`, { seedIds }),
  judge: (
    id: string,
    judgement: {
      seedId: string;
      decision: 'chosen' | 'rejected';
      reason?: RejectionReason;
      note?: string;
    },
  ) => sendJson('POST', `${at(id)}/judgements`, judgement),
  disclosures: (needId: string) =>
    fetchJson<{ requests: DisclosureRequest[]; events: DisclosureEvent[] }>(
      `${needAt(needId)}/disclosures`,
    ),
  publishDigest: (needId: string) => sendJson<Digest>('POST', `${needAt(needId)}/digest`),
  decide: (requestId: string, accept: boolean, agreementRef?: string) =>
    sendJson<DisclosureRequest>(
      'POST',
      `/api/disclosure-requests/${encodeURIComponent(requestId)}/decision`,
      { accept, ...(agreementRef !== undefined && agreementRef !== '' ? { agreementRef } : {}) },
    ),
  digests: () => fetchJson<{ items: Digest[] }>('/api/digests?limit=200'),
  expressInterest: (digestId: string, message?: string) =>
    sendJson<{ requestId: string }>(
      'POST',
      `/api/digests/${encodeURIComponent(digestId)}/interests`,
      message !== undefined && message.trim() !== '' ? { message: message.trim() } : {},
    ),
  seedProposals: (seedId: string) =>
    fetchJson<{ seedId: string; items: SeedProposal[] }>(
      `/api/seeds/${encodeURIComponent(seedId)}/proposals`,
    ),
  profileConfirmation: (actorId: string) =>
    fetchJson<ProfileConfirmation>(`/api/actors/${encodeURIComponent(actorId)}/confirmation`),
  confirmProfile: (actorId: string) =>
    sendJson<ProfileConfirmation>('POST', `/api/actors/${encodeURIComponent(actorId)}/confirm`),
  /** An organisation's name (actors are public records). */
  actorName: async (actorId: string, signal?: AbortSignal): Promise<string> => {
    const actor = await fetchJson<Record<string, unknown>>(
      `/api/actors/${encodeURIComponent(actorId)}`,
      signal,
    );
    return typeof actor['name'] === 'string' ? actor['name'] : actorId;
  },
  seed: (seedId: string) =>
    fetchJson<Record<string, unknown>>(`/api/seeds/${encodeURIComponent(seedId)}`),
  /** Records of the organisation (seeds or needs), for "my seeds" and opening a case. */
  ownedBy: (entity: 'seeds' | 'needs', organisationId: string) =>
    fetchJson<{ items: Record<string, unknown>[] }>(
      `/api/${entity}?ownerId=${encodeURIComponent(organisationId)}&limit=200`,
    ),
  /** Who may coordinate the case (the server's rule), those on it marked `onCase`. */
  coordinatorCandidates: (id: string) =>
    fetchJson<{ items: CoordinatorAccount[] }>(`${at(id)}/coordinator-candidates`),
};
