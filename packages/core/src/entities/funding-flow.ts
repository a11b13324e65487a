import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  ZAmount,
  ZExternalId,
  ZFiscalYear,
  ZProvenance,
} from '../fields.ts';
import { CURRENCIES, FUNDING_SOURCE_TYPES } from '../vocabulary.ts';

/** Money flowing to a project, adoption or actor in one fiscal year. */
export const ZFundingFlow = z
  .object({
    id: ZExternalId,
    sourceType: z.enum(FUNDING_SOURCE_TYPES),
    funderId: ZExternalId.optional(),
    recipientId: ZExternalId.optional(),
    projectId: ZExternalId.optional(),
    adoptionId: ZExternalId.optional(),
    fiscalYear: ZFiscalYear,
    amount: ZAmount,
    currency: z.enum(CURRENCIES, { message: 'unknown currency (JPY, USD or EUR)' }).default('JPY'),
    note: z.string().max(1000).optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((flow, ctx) => {
    if (!flow.recipientId && !flow.projectId && !flow.adoptionId) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipientId'],
        message: 'a funding flow goes to a recipient, a project or an adoption',
      });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type FundingFlow = z.infer<typeof ZFundingFlow>;
