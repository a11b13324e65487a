/**
 * One field across places (the academia and technology maps of the seed documents): the location
 * quotient of the field in every place, each against the same whole registry, with the same exact
 * interval as `locationQuotients` (it is computed by it, one place at a time).
 */
import { locationQuotients, type FieldStrength } from './regional-strengths.ts';

/** A counted unit placed in one place (a prefecture code, for instance). */
export interface PlacedUnit {
  field: string;
  place: string;
  weight: number;
}

export interface PlaceStrength extends Omit<FieldStrength, 'field'> {
  place: string;
}

/** The field's strength in each of `places`, in their order; a place with no unit has lq null. */
export function fieldAcrossPlaces(
  units: readonly PlacedUnit[],
  field: string,
  places: readonly string[],
  options: { confidence?: number } = {},
): PlaceStrength[] {
  return places.map((place) => {
    const result = locationQuotients(
      units.map((u) => ({ field: u.field, weight: u.weight, inRegion: u.place === place })),
      options,
    );
    const found = result.fields.find((f) => f.field === field);
    const { field: _field, ...strength } = found ?? {
      field,
      lq: null,
      ciLow: null,
      ciHigh: null,
      count: 0,
      expected: 0,
      fieldTotal: 0,
      specialised: false,
    };
    return { place, ...strength };
  });
}

/** Every field with its total weight, largest first (ties by name). */
export function fieldTotals(units: readonly PlacedUnit[]): { field: string; total: number }[] {
  const totals = new Map<string, number>();
  for (const u of units) totals.set(u.field, (totals.get(u.field) ?? 0) + u.weight);
  return [...totals.entries()]
    .map(([field, total]) => ({ field, total }))
    .sort((a, b) => b.total - a.total || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}
