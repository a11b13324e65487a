/**
 * The answer of `GET /api/analyses/brokers`, field by field: the actors who bridge communities
 * (betweenness, Burt's constraint and effective size, the communities each one ties together), how
 * betweenness was computed (exact, or sampled with its error bound), and which partition the
 * community ids refer to. The server's handler is typed by it and the web reads its types.
 */
import { z } from 'zod';
import { ZCommunitySource, ZGeneratedDataNote } from './programme-answers.ts';

export const ZBroker = z.object({
  actorId: z.string(),
  name: z.string(),
  prefectureCode: z.string(),
  /** The actor's own community, when it has one. */
  community: z.string().nullable(),
  /** Normalised shortest-path betweenness, 0..1. */
  betweenness: z.number(),
  /** Burt's constraint (low: spans structural holes); null for an actor without ties. */
  constraint: z.number().nullable(),
  /** Burt's effective size: non-redundant contacts. */
  effectiveSize: z.number(),
  degree: z.number(),
  /** The communities among the actor and its ties when there are two or more; else empty. */
  communitiesBridged: z.array(z.string()),
});
export type BrokerAnswer = z.infer<typeof ZBroker>;

export const ZBrokers = z.object({
  brokers: z.array(ZBroker),
  method: z.object({
    betweenness: z.enum(['exact', 'sampled']),
    /** Shortest paths sampled (the number of actors when exact). */
    samples: z.number(),
    /** Every estimate is within ± this of its exact value with probability `confidence`. */
    errorBound: z.number(),
    confidence: z.number(),
    nodes: z.number(),
    edges: z.number(),
  }),
  /** The community asked for, or null for all. */
  community: z.string().nullable(),
  /** The name of each community, by id. */
  communityNames: z.record(z.string(), z.object({ name: z.string(), nameEn: z.string() })),
  communitySource: ZCommunitySource,
  generatedData: ZGeneratedDataNote.nullable(),
});
export type BrokersAnswer = z.infer<typeof ZBrokers>;
