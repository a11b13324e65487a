/**
 * Regional strengths as a map (field × place): one field's location quotient with its exact
 * interval in every prefecture, and the fields there are to choose from.
 */
import { z } from 'zod';
import { defineRoute, problemAnswer } from '../route.ts';
import { STRENGTH_MEASURE_NAMES, ZStrengthUnitBasis } from './strengths-answers.ts';

export const ZStrengthsMapQuery = z.object({
  /** The field to map; default the field with the most units. */
  field: z.string().min(1).max(200).optional(),
  measure: z.enum(STRENGTH_MEASURE_NAMES).optional(),
});

const nullableNumber = z.number().nullable();

export const ZStrengthsMap = z.strictObject({
  /** The field mapped (null when the registry counts no unit at all). */
  field: z.string().nullable(),
  fieldEn: z.string().nullable(),
  measure: z.enum(STRENGTH_MEASURE_NAMES),
  /** The fields that can be mapped, with their units in the whole registry, most first. */
  fields: z.array(z.strictObject({ field: z.string(), fieldEn: z.string(), total: z.number() })),
  /** Every prefecture (01..47), in code order. */
  places: z.array(
    z.strictObject({
      code: z.string(),
      lq: nullableNumber,
      ciLow: nullableNumber,
      ciHigh: nullableNumber,
      count: z.number(),
      expected: z.number(),
      /** The interval lies above 1. */
      specialised: z.boolean(),
    }),
  ),
  total: z.number(),
  /** Each kind of unit counted, with its count in the whole registry and its source. */
  units: z.array(ZStrengthUnitBasis),
  confidence: z.number(),
  method: z.string(),
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: z
    .strictObject({ generated: z.literal(true), share: z.number(), ja: z.string(), en: z.string() })
    .nullable(),
});
export type StrengthsMap = z.infer<typeof ZStrengthsMap>;

export const strengthsMap = defineRoute({
  method: 'get',
  path: '/api/analyses/strengths/map',
  operationId: 'get-analyses-strengths-map',
  summary:
    'Regional strengths as a map: one field’s location quotient with its exact 95% interval in every prefecture',
  tags: ['analyses'],
  query: ZStrengthsMapQuery,
  queryDescriptions: {
    field: 'The field to map, as recorded (default: the field with the most units)',
    measure:
      'What is counted (default records: seeds, KAKEN projects, companies, researchers; or one of them, papers or patents)',
  },
  responses: {
    200: { description: 'The field in every prefecture', schema: ZStrengthsMap },
    422: problemAnswer('Not valid; `field` names the parameter'),
  },
});
