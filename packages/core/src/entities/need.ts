import { z } from 'zod';
import {
  ZCorporateNumber,
  ZExternalId,
  ZIsoDate,
  ZPrefectureCode,
  ZProvenance,
  ZSdgs,
  ZTextList,
  ZTrl,
} from '../fields.ts';
import { CONFIDENTIALITY_LEVELS, NEED_KINDS } from '../vocabulary.ts';

/** A need (ニーズ): a company's or a community's problem looking for a technology. */
export const ZNeed = z
  .object({
    id: ZExternalId,
    kind: z.enum(NEED_KINDS).default('company'),
    title: z.string().trim().min(1, 'must not be empty').max(500),
    description: z.string().max(20_000).optional(),
    /** The owning actor; absent while the owner is not registered yet (pending, see ownerName). */
    ownerId: ZExternalId.optional(),
    /** A pending owner's name, kept until an actor of that name (and place) is registered. */
    ownerName: z.string().trim().min(1).max(300).optional(),
    /** A pending owner's 法人番号, linked when the actor holding it is registered. */
    ownerCorporateNumber: ZCorporateNumber.optional(),
    prefectureCode: ZPrefectureCode.optional(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('public'),
    keywords: ZTextList.default([]),
    field: z.string().max(200).optional(),
    sdgs: ZSdgs.default([]),
    desiredTrl: ZTrl.optional(),
    postedOn: ZIsoDate.optional(),
    open: z.boolean().default(true),
  })
  .extend(ZProvenance.shape);
export type Need = z.infer<typeof ZNeed>;
