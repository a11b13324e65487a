/**
 * One colour per sector, the same in the web app (network, legend, home) and the printed region
 * report, so a reader who learnt the app's colours reads the report's map without its legend.
 */
export const SECTOR_COLOURS: Readonly<Record<string, string>> = {
  university: '#1f77b4',
  public_research: '#17a2b8',
  national_lab: '#3949ab',
  company: '#e8710a',
  financial: '#2e7d32',
  national_government: '#b71c1c',
  prefecture: '#d81b60',
  municipality: '#ad1457',
  support_org: '#6a1b9a',
  npo: '#8d6e63',
  school: '#9e9d24',
  other: '#757575',
};

/** For a sector the palette does not name. */
export const OTHER_SECTOR_COLOUR = '#757575';

export function sectorColour(sector: string): string {
  return SECTOR_COLOURS[sector] ?? OTHER_SECTOR_COLOUR;
}
