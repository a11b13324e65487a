/**
 * Regional strengths (地域の強み): what a region (a prefecture, a municipality or an ABC community)
 * is specialised in, as the location quotient of each field over the units the registry holds
 * (seeds, companies, researchers, papers, patents…), with an exact confidence interval.
 *
 * LQ_rf = (x_rf / x_r) / (x_f / x): the field's share in the region over its share in the whole
 * registry. The interval treats x_rf as a Poisson count around its expected value
 * E = x_r · x_f / x and takes Garwood's exact interval for x_rf divided by E (as for a standardised
 * ratio); E is treated as fixed, which is close when the region is a small part of the whole.
 * Weighted units (papers, patents) cluster by actor, so their intervals are too narrow.
 */
import { DomainError } from '#core/domain-error.ts';
import { poissonInterval } from './statistics/poisson-interval.ts';

/** One counted unit: its field, whether it is in the region, and how many it counts for. */
export interface StrengthUnit {
  field: string;
  inRegion: boolean;
  /** A whole number ≥ 0 (1 for a record; a paper or patent count). */
  weight: number;
}

export interface FieldStrength {
  field: string;
  /** Location quotient; null when the region has no units at all. */
  lq: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** x_rf: the field's units in the region. */
  count: number;
  /** E = x_r · x_f / x: the count the region would have with the registry's field mix. */
  expected: number;
  /** x_f: the field's units in the whole registry. */
  fieldTotal: number;
  /** The interval lies above 1: a specialisation the data support. */
  specialised: boolean;
}

export interface StrengthsResult {
  fields: FieldStrength[];
  /** x_r. */
  regionTotal: number;
  /** x. */
  total: number;
  confidence: number;
  method: string;
}

/** Location quotients of every field present in the registry, most specialised first. */
export function locationQuotients(
  units: readonly StrengthUnit[],
  options: { confidence?: number } = {},
): StrengthsResult {
  const confidence = options.confidence ?? 0.95;
  const byField = new Map<string, { inRegion: number; all: number }>();
  let regionTotal = 0;
  let total = 0;
  for (const u of units) {
    if (!Number.isInteger(u.weight) || u.weight < 0)
      throw new DomainError(
        'validation_failed',
        `unit of field ${u.field}: weight must be a whole number ≥ 0, got ${u.weight}`,
        { field: u.field, weight: u.weight },
      );
    if (u.weight === 0) continue;
    const entry = byField.get(u.field) ?? { inRegion: 0, all: 0 };
    entry.all += u.weight;
    total += u.weight;
    if (u.inRegion) {
      entry.inRegion += u.weight;
      regionTotal += u.weight;
    }
    byField.set(u.field, entry);
  }
  const fields = [...byField.entries()].map(([field, e]): FieldStrength => {
    const expected = total > 0 ? (regionTotal * e.all) / total : 0;
    if (expected === 0)
      return {
        field,
        lq: null,
        ciLow: null,
        ciHigh: null,
        count: e.inRegion,
        expected,
        fieldTotal: e.all,
        specialised: false,
      };
    const ci = poissonInterval(e.inRegion, confidence);
    const ciLow = ci.low / expected;
    return {
      field,
      lq: e.inRegion / expected,
      ciLow,
      ciHigh: ci.high / expected,
      count: e.inRegion,
      expected,
      fieldTotal: e.all,
      specialised: ciLow > 1,
    };
  });
  fields.sort(
    (a, b) => (b.lq ?? -1) - (a.lq ?? -1) || b.count - a.count || a.field.localeCompare(b.field),
  );
  return {
    fields,
    regionTotal,
    total,
    confidence,
    method: `location quotient (x_rf/x_r)/(x_f/x); ${Math.round(confidence * 100)}% exact Poisson (Garwood) interval on x_rf with the expected count x_r·x_f/x held fixed`,
  };
}
