/**
 * The answers of `GET /api/analyses/sdgs`, field by field: the goals a seed's or project's text
 * suggests, each with its evidence (with `id`), or the records of one goal, tagged or suggested
 * (with `sdg`). The server's handler is typed by them and the web reads their types.
 */
import { z } from 'zod';

/** The entities whose SDGs are suggested (the services' SDG_ENTITIES). */
export const SDG_ENTITY_NAMES = ['seeds', 'projects'] as const;

/** A cue term found in a field of the record, with the text around it. */
export const ZSdgEvidence = z.object({
  field: z.string(),
  term: z.string(),
  /** Up to 20 characters either side of the first occurrence. */
  excerpt: z.string(),
});

export const ZSdgSuggestion = z.object({
  sdg: z.number().int().min(1).max(17),
  /** Distinct cue terms found. */
  score: z.number(),
  /** Already tagged on the record. */
  tagged: z.boolean(),
  evidence: z.array(ZSdgEvidence),
});

/** With `id`: the goals suggested for one record. */
export const ZRecordSdgs = z.object({
  entity: z.enum(SDG_ENTITY_NAMES),
  id: z.string(),
  title: z.string(),
  /** The goals the record is tagged with. */
  tagged: z.array(z.number().int()),
  suggestions: z.array(ZSdgSuggestion),
  note: z.string(),
});
export type RecordSdgsAnswer = z.infer<typeof ZRecordSdgs>;

/** With `sdg`: the records of one goal, tagged with it or suggested for it by their text. */
export const ZSdgRecords = z.object({
  entity: z.enum(SDG_ENTITY_NAMES),
  sdg: z.number().int().min(1).max(17),
  records: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      tagged: z.boolean(),
      suggested: z.boolean(),
      evidence: z.array(ZSdgEvidence),
    }),
  ),
  tagged: z.number().int(),
  suggestedOnly: z.number().int(),
  note: z.string(),
});
export type SdgRecordsAnswer = z.infer<typeof ZSdgRecords>;

export const ZSdgsAnswer = z.union([ZRecordSdgs, ZSdgRecords]);
export type SdgsAnswer = z.infer<typeof ZSdgsAnswer>;
