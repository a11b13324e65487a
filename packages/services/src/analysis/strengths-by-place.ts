/**
 * Regional strengths as a map (field × place): one field's location quotient and interval in every
 * prefecture, over the same counted units as `analyze strengths` (seeds, KAKEN projects, companies,
 * researchers, papers, patents).
 */
import { fieldNameEn } from '#analytics/abc/community-names.ts';
import { fieldAcrossPlaces, fieldTotals } from '#analytics/strengths-by-place.ts';
import { PREFECTURES } from '#core/geo.ts';
import {
  countedUnits,
  unitBasis,
  type StrengthMeasure,
  type StrengthUnitBasis,
} from './analyze-strengths.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import type { SeededNetwork } from './load-network.ts';

/** The answer of `GET /api/analyses/strengths/map` (its zod is in the contract). */
export interface StrengthsMap {
  field: string | null;
  fieldEn: string | null;
  measure: StrengthMeasure;
  fields: { field: string; fieldEn: string; total: number }[];
  places: {
    code: string;
    lq: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    count: number;
    expected: number;
    specialised: boolean;
  }[];
  total: number;
  /** Each kind of unit counted, with its count in the whole registry and its source. */
  units: StrengthUnitBasis[];
  confidence: number;
  method: string;
  generatedData: GeneratedDataNote | null;
}

export function strengthsByPlace(
  network: SeededNetwork,
  request: { field?: string; measure?: StrengthMeasure },
): StrengthsMap {
  const measure = request.measure ?? 'records';
  const counted = countedUnits(network, measure);
  const units = counted.map((u) => ({
    field: u.field,
    place: u.prefectureCode,
    weight: u.weight,
  }));
  const totals = fieldTotals(units);
  const field = request.field ?? totals[0]?.field ?? null;
  const codes = PREFECTURES.map((p) => p.code);
  const places = field === null ? [] : fieldAcrossPlaces(units, field, codes);
  return {
    field,
    fieldEn: field === null ? null : fieldNameEn(field),
    measure,
    fields: totals.map((t) => ({ ...t, fieldEn: fieldNameEn(t.field) })),
    places: places.map((p) => ({
      code: p.place,
      lq: p.lq,
      ciLow: p.ciLow,
      ciHigh: p.ciHigh,
      count: p.count,
      expected: p.expected,
      specialised: p.specialised,
    })),
    total: units.reduce((sum, u) => sum + u.weight, 0),
    units: unitBasis(counted),
    confidence: 0.95,
    method:
      'location quotient (x_rf/x_r)/(x_f/x) of the field in each prefecture against the whole registry; 95% exact Poisson (Garwood) interval on x_rf with the expected count held fixed',
    generatedData: generatedDataNote(network),
  };
}
