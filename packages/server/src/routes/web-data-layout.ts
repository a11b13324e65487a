/**
 * Geographic layout of the ABC network for the web's network view, computed once on the server so
 * the browser draws 50,000 nodes without running a force layout.
 *
 * Each group (an ABC community, or the unassigned actors of one prefecture) is a disc centred on its
 * main prefecture's position (a flat lon/lat projection); overlapping discs are pushed apart while a
 * weak spring keeps each near its prefecture. Members fill their disc on a sunflower spiral, the
 * best connected in the middle. Deterministic: same input, same positions.
 */

export interface LayoutGroup {
  /** Where the group belongs (its main prefecture), in degrees. */
  lat: number;
  lon: number;
  /** Node indices, in the order they should fill the disc (centre first). */
  members: readonly number[];
}

export interface Layout {
  x: Float32Array;
  y: Float32Array;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Projection: degrees of longitude shrink with the cosine of Japan's mid latitude. */
const MID_LAT = 36.5;
const MID_LON = 137.5;
const LON_FACTOR = Math.cos((MID_LAT * Math.PI) / 180);
/** Scale of the plane: one degree of latitude is 100 units. */
const UNIT = 100;
/**
 * Discs together cover about this much of the plane (Japan's land spans roughly 4e5 square units
 * here), so a small network is as readable as a large one; node density is equal across groups.
 */
const TOTAL_DISC_AREA = 4e5;

export function project(lat: number, lon: number): [number, number] {
  return [(lon - MID_LON) * LON_FACTOR * UNIT, (lat - MID_LAT) * UNIT];
}

/** Pushes overlapping discs apart, pulling each gently back to its anchor. */
function separate(
  cx: Float64Array,
  cy: Float64Array,
  radius: Float64Array,
  anchorX: Float64Array,
  anchorY: Float64Array,
  iterations: number,
): void {
  const n = cx.length;
  const order = [...radius.keys()].sort((a, b) => (radius[b] ?? 0) - (radius[a] ?? 0));
  for (let iteration = 0; iteration < iterations; iteration++) {
    let moved = false;
    for (let a = 0; a < n; a++) {
      const i = order[a] ?? 0;
      for (let b = a + 1; b < n; b++) {
        const j = order[b] ?? 0;
        let dx = (cx[j] ?? 0) - (cx[i] ?? 0);
        let dy = (cy[j] ?? 0) - (cy[i] ?? 0);
        const minDistance = (radius[i] ?? 0) + (radius[j] ?? 0) + 2;
        let distance = Math.hypot(dx, dy);
        if (distance >= minDistance) continue;
        if (distance < 1e-6) {
          // Same anchor: open them along a deterministic angle.
          const angle = (i * 7 + j * 13) * GOLDEN_ANGLE;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          distance = 1;
        }
        const push = (minDistance - distance) / distance;
        const ri = radius[i] ?? 1;
        const rj = radius[j] ?? 1;
        // Smaller discs move more than large ones.
        const shareI = rj / (ri + rj);
        const shareJ = ri / (ri + rj);
        cx[i] = (cx[i] ?? 0) - dx * push * shareI;
        cy[i] = (cy[i] ?? 0) - dy * push * shareI;
        cx[j] = (cx[j] ?? 0) + dx * push * shareJ;
        cy[j] = (cy[j] ?? 0) + dy * push * shareJ;
        moved = true;
      }
    }
    for (let i = 0; i < n; i++) {
      cx[i] = (cx[i] ?? 0) + ((anchorX[i] ?? 0) - (cx[i] ?? 0)) * 0.02;
      cy[i] = (cy[i] ?? 0) + ((anchorY[i] ?? 0) - (cy[i] ?? 0)) * 0.02;
    }
    if (!moved) break;
  }
}

/** Positions for `nodeCount` nodes; nodes in no group stay at the origin. */
export function layoutGroups(nodeCount: number, groups: readonly LayoutGroup[]): Layout {
  const n = groups.length;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const anchorX = new Float64Array(n);
  const anchorY = new Float64Array(n);
  const radius = new Float64Array(n);
  const placed = groups.reduce((sum, g) => sum + Math.max(1, g.members.length), 0);
  const radiusPerSqrt = Math.sqrt(TOTAL_DISC_AREA / (Math.PI * Math.max(1, placed)));
  groups.forEach((group, i) => {
    const [x, y] = project(group.lat, group.lon);
    anchorX[i] = x;
    anchorY[i] = y;
    cx[i] = x;
    cy[i] = y;
    radius[i] = radiusPerSqrt * Math.sqrt(Math.max(1, group.members.length));
  });
  separate(cx, cy, radius, anchorX, anchorY, 300);

  const x = new Float32Array(nodeCount);
  const y = new Float32Array(nodeCount);
  groups.forEach((group, g) => {
    const count = group.members.length;
    group.members.forEach((node, k) => {
      const r = (radius[g] ?? 0) * Math.sqrt((k + 0.5) / count);
      const angle = k * GOLDEN_ANGLE;
      x[node] = (cx[g] ?? 0) + r * Math.cos(angle);
      y[node] = (cy[g] ?? 0) + r * Math.sin(angle);
    });
  });
  return { x, y };
}
