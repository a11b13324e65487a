import { z } from 'zod';
import { EVEN_WITH_FIELD_ERRORS, ZExternalId, ZFiscalYear, ZProvenance } from '../fields.ts';

/**
 * A national (or regional) funding programme, e.g. 知的クラスター創成事業; a prefecture's or a
 * municipality's own programme names it as owner (core/programme-access.ts).
 */
export const ZProgramme = z
  .object({
    id: ZExternalId,
    name: z.string().trim().min(1, 'must not be empty').max(300),
    nameEn: z.string().max(300).optional(),
    /** Ministry or agency, e.g. 文部科学省, 経済産業省, JST. */
    ministry: z.string().max(200).optional(),
    startFy: ZFiscalYear.optional(),
    endFy: ZFiscalYear.optional(),
    /** cluster, strategy, ecosystem, rsp, matching, other… */
    type: z.string().max(100).optional(),
    description: z.string().max(20_000).optional(),
    /** The prefecture or municipality (actor id) running its own programme; none for the national catalogue. */
    ownerId: ZExternalId.optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((programme, ctx) => {
    if (programme.startFy && programme.endFy && programme.endFy < programme.startFy) {
      ctx.addIssue({
        code: 'custom',
        path: ['endFy'],
        message: `end FY ${programme.endFy} is before start FY ${programme.startFy}`,
      });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Programme = z.infer<typeof ZProgramme>;
