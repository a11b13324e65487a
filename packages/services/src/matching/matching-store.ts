/**
 * What matching reads and writes: the part of `Repositories` the matching index and service use.
 * Kept this narrow so the service can run in a worker thread whose store forwards each call to
 * the thread that holds the database connection (`store-channel.ts`).
 */
import type { ConsultationRepo, DisclosureRepo, EntityRepo, MatchingRepo } from '#core/ports.ts';

export const MATCHING_ENTITIES = ['seeds', 'needs', 'actors', 'relations'] as const;
export type MatchingEntity = (typeof MATCHING_ENTITIES)[number];

export type MatchingEntityRepo = Pick<
  EntityRepo,
  'get' | 'getMany' | 'upsertMany' | 'delete' | 'iterate'
>;

export interface MatchingStore {
  entity(name: MatchingEntity): MatchingEntityRepo;
  readonly matching: MatchingRepo;
  readonly consultations: Pick<ConsultationRepo, 'list'>;
  readonly disclosures: Pick<DisclosureRepo, 'acceptedOrganisations'>;
}
