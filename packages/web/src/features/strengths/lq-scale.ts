/**
 * Colours of location quotients: a diverging scale centred on 1 (the registry's own mix), blue
 * below, orange above; grey where a place has no unit at all (no quotient, no claim).
 */
export interface LqClass {
  key: 'none' | 'veryLow' | 'low' | 'even' | 'high' | 'veryHigh';
  colour: string;
  /** The class holds quotients below this bound (the last has none). */
  below: number;
}

export const LQ_CLASSES: readonly LqClass[] = [
  { key: 'none', colour: '#e6e6e6', below: 0 },
  { key: 'veryLow', colour: '#2c7bb6', below: 0.5 },
  { key: 'low', colour: '#abd9e9', below: 0.8 },
  { key: 'even', colour: '#f7f7f7', below: 1.25 },
  { key: 'high', colour: '#fdae61', below: 2 },
  { key: 'veryHigh', colour: '#d7191c', below: Number.POSITIVE_INFINITY },
];

export function lqClassOf(lq: number | null): LqClass {
  const fallback = LQ_CLASSES[0] as LqClass;
  if (lq === null) return fallback;
  return LQ_CLASSES.slice(1).find((c) => lq < c.below) ?? fallback;
}
