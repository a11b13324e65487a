import { SEQUENTIAL } from '../../colors.ts';

/** Non-zero values fall in four quantile classes (colours 1..4); zero keeps colour 0. */
const NONZERO_CLASSES = SEQUENTIAL.length - 1;

export function breaksOf(values: number[]): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let k = 1; k < NONZERO_CLASSES; k++) {
    const v = sorted[Math.floor((k / NONZERO_CLASSES) * sorted.length)];
    if (v !== undefined && (breaks.length === 0 || v > (breaks[breaks.length - 1] ?? 0)))
      breaks.push(v);
  }
  return breaks;
}

export function classOf(value: number, breaks: number[]): number {
  if (value <= 0) return 0;
  return 1 + breaks.filter((b) => value >= b).length;
}

/** Legend rows for the classes of `breaks`. */
export function legendOf(breaks: number[], format: (v: number) => string) {
  return [
    { colour: SEQUENTIAL[0], text: '0' },
    { colour: SEQUENTIAL[1], text: breaks[0] !== undefined ? `< ${format(breaks[0])}` : '> 0' },
    ...breaks.map((b, i) => ({ colour: SEQUENTIAL[i + 2], text: `≥ ${format(b)}` })),
  ];
}
