/** Shapes of the matching (from the contract) and consultation API (see /api/openapi.json). */
import type { Answer } from './api-client.ts';

export { SIGNAL_NAMES, type SignalName } from '#core/matching-query.ts';

export type NeedMatchResult = Answer<'/api/needs/{id}/matches'>;
export type SeedMatch = NeedMatchResult['results'][number];
export type CompanyMatch = Answer<'/api/seeds/{id}/matches'>['results'][number];
type SeedExplanation = SeedMatch['explanation'];
/** A seed's explanation; a company's has no highlighted title and no feedback. */
export type Explanation = Omit<SeedExplanation, 'highlightedTitle' | 'feedback'> &
  Partial<Pick<SeedExplanation, 'highlightedTitle' | 'feedback'>>;
export type PathStep = SeedExplanation['path'][number];
export type TermView = SeedExplanation['terms'][number];

export const STAGES = [
  'intake',
  'triage',
  'candidates_proposed',
  'meeting',
  'agreement',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export interface ConsultationItem {
  id: string;
  needId: string;
  needTitle: string;
  stage: Stage;
  version: number;
  coordinatorIds: string[];
  requesterId: string;
  openedAt: string;
  stageEnteredAt: string;
  outcome?: string;
  overdue: { overdue: boolean; dueAt?: string; hoursOverdue: number };
}

export interface Board {
  stages: { stage: Stage; count: number; overdue: number; items: ConsultationItem[] }[];
  total: number;
}

export interface ConsultationEvent {
  seq: number;
  at: string;
  actorId: string;
  kind: string;
  fromStage?: Stage;
  toStage?: Stage;
  data: Record<string, unknown>;
}

export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'coordinator' | 'member' | 'viewer';
  organisationId: string | null;
}
