import { z } from 'zod';
import {
  ZCorporateNumber,
  ZExternalId,
  ZPrefectureCode,
  ZProvenance,
  ZSdgs,
  ZTextList,
  ZTrl,
} from '../fields.ts';
import { SEED_KINDS } from '../vocabulary.ts';

/** A seed (シーズ): research result, patent, technology, or open facility/equipment of a 公設試. */
export const ZSeed = z
  .object({
    id: ZExternalId,
    kind: z.enum(SEED_KINDS).default('research_result'),
    title: z.string().trim().min(1, 'must not be empty').max(500),
    abstract: z.string().max(20_000).optional(),
    keywords: ZTextList.default([]),
    field: z.string().max(200).optional(),
    /** The owning actor; absent while the owner is not registered yet (pending, see ownerName). */
    ownerId: ZExternalId.optional(),
    /** A pending owner's name, kept until an actor of that name (and place) is registered. */
    ownerName: z.string().trim().min(1).max(300).optional(),
    /** A pending owner's 法人番号, linked when the actor holding it is registered. */
    ownerCorporateNumber: ZCorporateNumber.optional(),
    prefectureCode: ZPrefectureCode.optional(),
    trl: ZTrl.optional(),
    sdgs: ZSdgs.default([]),
    patentNumber: z.string().max(100).optional(),
    available: z.boolean().default(true),
    /**
     * Closed by its owner (withdrawn, or licensed exclusively): kept with its history, no longer
     * proposed by matching. Absent means open.
     */
    closed: z.boolean().optional(),
    url: z.url().optional(),
  })
  .extend(ZProvenance.shape);
export type Seed = z.infer<typeof ZSeed>;
