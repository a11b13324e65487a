/**
 * Neighbouring prefectures (隣接都道府県): shared land borders, plus the fixed links people
 * commute over (Seikan tunnel, Kanmon strait, the three Honshu–Shikoku bridges).
 */
const LINKS: Readonly<Record<string, readonly string[]>> = {
  '01': ['02'],
  '02': ['03', '05'],
  '03': ['04', '05'],
  '04': ['05', '06', '07'],
  '05': ['06'],
  '06': ['07', '15'],
  '07': ['08', '09', '10', '15'],
  '08': ['09', '11', '12'],
  '09': ['10', '11'],
  '10': ['11', '15', '20'],
  '11': ['12', '13', '19', '20'],
  '12': ['13'],
  '13': ['14', '19'],
  '14': ['19', '22'],
  '15': ['16', '20'],
  '16': ['17', '20', '21'],
  '17': ['18', '21'],
  '18': ['21', '25', '26'],
  '19': ['20', '22'],
  '20': ['21', '22', '23'],
  '21': ['23', '24', '25'],
  '22': ['23'],
  '23': ['24'],
  '24': ['25', '26', '29', '30'],
  '25': ['26'],
  '26': ['27', '28', '29'],
  '27': ['28', '29', '30'],
  '28': ['31', '33', '36'],
  '29': ['30'],
  '31': ['32', '33', '34'],
  '32': ['34', '35'],
  '33': ['34', '37'],
  '34': ['35', '38'],
  '35': ['40'],
  '36': ['37', '38', '39'],
  '37': ['38'],
  '38': ['39'],
  '40': ['41', '43', '44'],
  '41': ['42'],
  '43': ['44', '45', '46'],
  '44': ['45'],
  '45': ['46'],
};

const NEIGHBOURS = new Map<string, Set<string>>();
for (const [a, list] of Object.entries(LINKS)) {
  for (const b of list) {
    const left = NEIGHBOURS.get(a) ?? new Set<string>();
    left.add(b);
    NEIGHBOURS.set(a, left);
    const right = NEIGHBOURS.get(b) ?? new Set<string>();
    right.add(a);
    NEIGHBOURS.set(b, right);
  }
}

/** Prefecture codes adjacent to `code` (empty for Okinawa). */
export function neighbouringPrefectures(code: string): string[] {
  return [...(NEIGHBOURS.get(code) ?? [])].sort();
}

export function areNeighbouringPrefectures(a: string, b: string): boolean {
  return NEIGHBOURS.get(a)?.has(b) ?? false;
}

/** in_region: same prefecture; neighbouring: adjacent; elsewhere: the rest; unknown without codes. */
export type RegionRelation = 'in_region' | 'neighbouring' | 'elsewhere' | 'unknown';

export function regionRelation(a: string | undefined, b: string | undefined): RegionRelation {
  if (a === undefined || b === undefined) return 'unknown';
  if (a === b) return 'in_region';
  return areNeighbouringPrefectures(a, b) ? 'neighbouring' : 'elsewhere';
}
