/** Shapes of the matching and consultation API (see /api/openapi.json). */
export type SignalName =
  'text' | 'field' | 'sdgs' | 'stage' | 'region' | 'network' | 'availability' | 'feedback';

export const SIGNAL_NAMES: readonly SignalName[] = [
  'text',
  'field',
  'sdgs',
  'stage',
  'region',
  'network',
  'availability',
  'feedback',
];

export interface PathStep {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  relation: string;
}

export interface TermView {
  term: string;
  source: string;
  contribution: number;
  matches: string[];
}

export interface Explanation {
  terms: TermView[];
  signals: Record<SignalName, number>;
  path: PathStep[];
  region: string;
  distanceKm?: number;
  highlightedTitle?: string;
  feedback?: string[];
}

export interface SeedMatch {
  seedId: string;
  kind: string;
  title: string;
  ownerId: string;
  ownerName: string;
  prefectureCode?: string;
  score: number;
  explanation: Explanation;
}

export interface NeedMatchResult {
  results: SeedMatch[];
  researchers: { actorId: string; name: string; score: number; seedIds: string[] }[];
  facilities: SeedMatch[];
  query: { terms: number; expandedTerms: number; truncated: boolean };
}

export interface CompanyMatch {
  actorId: string;
  name: string;
  score: number;
  needIds: string[];
  explanation: Explanation;
}

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
