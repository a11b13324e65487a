/** A point of a Kaplan–Meier curve as the API sends it (null: not computable). */
export interface KmPoint {
  time: number | null;
  survival: number | null;
  censored: number | null;
}

/** Step path of S(t): starts at S = 1 at time 0, drops at each event time. */
export function stepPath(
  curve: readonly KmPoint[],
  x: (t: number) => number,
  y: (s: number) => number,
): string {
  let d = `M${x(0)},${y(1)}`;
  let previous = 1;
  for (const p of curve) {
    if (p.time === null || p.survival === null) continue;
    d += ` H${x(p.time)}`;
    if (p.survival !== previous) d += ` V${y(p.survival)}`;
    previous = p.survival;
  }
  return d;
}
