import { z } from 'zod';
import { EVEN_WITH_FIELD_ERRORS, ZProvenance, ZYear } from '../fields.ts';
import { AREA_TYPES } from '../vocabulary.ts';

/** A measured value for an area (prefecture, municipality, ABC community or the nation) in a year. */
export const ZIndicator = z
  .object({
    areaType: z.enum(AREA_TYPES),
    areaCode: z.string().min(1).max(100),
    year: ZYear,
    metric: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'metric is snake_case, e.g. papers, patents, funding_jpy'),
    value: z.number().finite(),
    unit: z.string().min(1, 'a unit is required').max(50),
  })
  .extend(ZProvenance.shape)
  .superRefine((indicator, ctx) => {
    if (
      indicator.areaType === 'prefecture' &&
      !/^(0[1-9]|[1-3]\d|4[0-7])$/.test(indicator.areaCode)
    ) {
      ctx.addIssue({ code: 'custom', path: ['areaCode'], message: 'not a prefecture code 01..47' });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Indicator = z.infer<typeof ZIndicator>;

export function indicatorKey(
  indicator: Pick<Indicator, 'areaType' | 'areaCode' | 'year' | 'metric'>,
): string {
  return `${indicator.areaType}:${indicator.areaCode}:${indicator.year}:${indicator.metric}`;
}
