/**
 * The answer of the regional strengths (地域の強み), field by field: the location quotient of each
 * field in a prefecture, a municipality or an ABC community, with its exact interval, and the basis
 * (what was counted, from where). The server's handler is typed by it and the web reads its type.
 */
import { z } from 'zod';
import { ZCommunitySource, ZGeneratedDataNote } from './programme-answers.ts';

/** What a strength counts (the services' STRENGTH_MEASURES): records, or one kind of unit. */
export const STRENGTH_MEASURE_NAMES = [
  'records',
  'seeds',
  'kaken',
  'companies',
  'researchers',
  'papers',
  'patents',
] as const;
export type StrengthMeasureName = (typeof STRENGTH_MEASURE_NAMES)[number];

/** The kinds of counted unit (the services' STRENGTH_UNITS). */
export const STRENGTH_UNIT_NAMES = [
  'seeds',
  'kaken',
  'companies',
  'researchers',
  'papers',
  'patents',
] as const;

/** One kind of unit counted: how many the whole registry holds, and where they come from. */
export const ZStrengthUnitBasis = z.strictObject({
  unit: z.enum(STRENGTH_UNIT_NAMES),
  count: z.number(),
  source: z.string(),
});

/** A location quotient or its interval: null when the place has no unit at all. */
const ZQuotient = z.number().nullable();

export const ZFieldStrength = z.strictObject({
  field: z.string(),
  /** (x_rf / x_r) / (x_f / x). */
  lq: ZQuotient,
  ciLow: ZQuotient,
  ciHigh: ZQuotient,
  /** x_rf: the field's units in the place. */
  count: z.number(),
  /** x_r · x_f / x: what the place would count with the registry's field mix. */
  expected: z.number(),
  /** x_f: the field's units in the whole registry. */
  fieldTotal: z.number(),
  /** The interval lies above 1. */
  specialised: z.boolean(),
});
export type FieldStrengthAnswer = z.infer<typeof ZFieldStrength>;

export const ZStrengths = z.strictObject({
  /** Most specialised first. */
  fields: z.array(ZFieldStrength),
  scope: z.strictObject({
    kind: z.enum(['prefecture', 'municipality', 'community']),
    /** Prefecture code, municipality code (a designated city's, for a ward) or community id. */
    id: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
  }),
  measure: z.enum(STRENGTH_MEASURE_NAMES),
  /** x_r and x. */
  regionTotal: z.number(),
  total: z.number(),
  confidence: z.number(),
  method: z.string(),
  /** For a community: the run its communities come from. */
  communitySource: ZCommunitySource.nullable(),
  /** Each kind of unit counted, with its count in the whole registry and its source. */
  units: z.array(ZStrengthUnitBasis),
  /**
   * For a municipality: units of its prefecture whose municipality is not known (counted in the
   * whole only); null for a prefecture or a community.
   */
  placeUnknown: z.number().nullable(),
  /** The basis in words: what was counted, from where, and what the numbers cannot say. */
  sources: z.array(z.string()),
  generatedData: ZGeneratedDataNote.nullable(),
});
export type StrengthsAnswer = z.infer<typeof ZStrengths>;
