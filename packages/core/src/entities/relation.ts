import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  endsBeforeStart,
  ZExternalId,
  ZIsoDate,
  ZProvenance,
} from '../fields.ts';
import { RELATION_TYPES } from '../vocabulary.ts';

/** A typed, dated tie between two actors. Identity: source, target, type and start date. */
export const ZRelation = z
  .object({
    sourceId: ZExternalId,
    targetId: ZExternalId,
    type: z.enum(RELATION_TYPES),
    weight: z.number().min(0, 'must not be negative').finite().default(1),
    startDate: ZIsoDate.optional(),
    endDate: ZIsoDate.optional(),
    note: z.string().max(1000).optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((relation, ctx) => {
    if (endsBeforeStart(relation.startDate, relation.endDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `end ${relation.endDate} is before start ${relation.startDate}`,
      });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Relation = z.infer<typeof ZRelation>;

export function relationKey(
  relation: Pick<Relation, 'sourceId' | 'targetId' | 'type' | 'startDate'>,
): string {
  return `${relation.sourceId}>${relation.targetId}:${relation.type}@${relation.startDate ?? ''}`;
}
