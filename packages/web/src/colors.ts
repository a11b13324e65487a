/**
 * Colours: a 20-colour qualitative palette for communities (Tableau 20, darkened where needed for
 * contrast on white) and a 5-step sequential scale for choropleths. One colour per sector lives in
 * core (`#core/sector-colours.ts`), shared with the printed region report.
 */
export const COMMUNITY_COLOURS = [
  '#1f77b4',
  '#e8710a',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#d6449e',
  '#6b6b6b',
  '#9a9a12',
  '#128a9a',
  '#4a7fc1',
  '#c46f1a',
  '#52a852',
  '#c94f4f',
  '#7e62b0',
  '#a0705f',
  '#b8588f',
  '#3f6f3f',
  '#a8873a',
  '#3b8fa8',
] as const;

export const UNASSIGNED_COLOUR = '#c4c4c4';

export function communityColour(index: number): string {
  return index < 0
    ? UNASSIGNED_COLOUR
    : (COMMUNITY_COLOURS[index % COMMUNITY_COLOURS.length] ?? UNASSIGNED_COLOUR);
}

/** Light to dark blue; the darkest steps carry white labels. */
export const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
