/** Shapes of the matching, consultation and account answers, from the contract. */
import type { ConsultationStage } from '#core/consultation.ts';
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

/** The stages in order (core's CONSULTATION_STAGES, written here so no zod reaches the bundle). */
export const STAGES = [
  'intake',
  'triage',
  'candidates_proposed',
  'meeting',
  'agreement',
  'closed',
] as const satisfies readonly ConsultationStage[];
export type Stage = ConsultationStage;

/** A consultation as lists and the board give it (with its version and the need's title). */
export type ConsultationItem = Answer<'/api/consultations'>['items'][number];
export type Board = Answer<'/api/consultations/board'>;
export type ConsultationEvent = Answer<'/api/consultations/{id}/history'>['items'][number];
/** The account's organisation as the write rules see it (`/api/auth/me`). */
export type AccountOrganisation = NonNullable<Answer<'/api/auth/me'>['organisation']>;
/** The signed-in account (`/api/auth/me`), with its organisation when the answer named it. */
export type AccountView = NonNullable<Answer<'/api/auth/me'>['account']> & {
  organisation?: AccountOrganisation | null;
};
