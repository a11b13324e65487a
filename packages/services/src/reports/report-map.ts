/**
 * Section 1 of the region report: the app's own map (the prefecture outlines of the web's map
 * and strengths pages, 沖縄県 in its inset box, 東京都 without 小笠原) with the region's
 * prefectures marked, and the region's prefectures drawn large with their actors by sector.
 */
import { findPrefecture } from '#core/geo.ts';
import { NATIONAL_INSET_PREFECTURE } from '#core/map/map-insets.ts';
import { SECTOR_COLOURS, sectorColour } from '#core/sector-colours.ts';
import {
  prefectureMunicipalityMap,
  type MunicipalityTopology,
} from '#core/map/municipality-shapes.ts';
import {
  NATIONAL_MAP_HEIGHT,
  NATIONAL_MAP_WIDTH,
  nationalPrefectureShapes,
  regionPrefectureMap,
  type PrefectureTopology,
} from '#core/map/national-map.ts';
import { SECTOR_LABELS_EN, SECTOR_LABELS_JA, type Sector } from '#core/vocabulary.ts';
import type { RegionReport } from './build-region-report.ts';
import { escapeHtml } from './escape-html.ts';

export type ReportLanguage = 'ja' | 'en';

const WORDS = {
  ja: {
    national: (name: string) => `全国の中の位置: ${name}（色付き）`,
    region: (name: string) => `${name}の主体の分布（セクター別）`,
    insetNote:
      '全国図: 沖縄県は左上の枠内（同じ縮尺、位置を移動）。小笠原諸島は省略（東京都に含む）。',
    islandNote: '離島は下の枠内（それぞれの縮尺）。',
    outside: (n: number) => `地図の範囲外の ${n} 主体は省略。`,
    noPoints: '位置情報のある主体がありません。',
    noBoundaries: '境界データが見つからないため、地図を省略しました。',
    sector: (s: string) => SECTOR_LABELS_JA[s as Sector] ?? 'その他',
    prefecture: (code: string) => findPrefecture(code)?.name ?? code,
  },
  en: {
    national: (name: string) => `Where in Japan: ${name} (coloured)`,
    region: (name: string) => `Actors of ${name} by sector`,
    insetNote:
      'Map of Japan: Okinawa is drawn in the box at the top left (same scale, moved). The Ogasawara Islands are left out (counted in Tokyo).',
    islandNote: 'Remote islands are drawn in the boxes below, each at its own scale.',
    outside: (n: number) => `${n} actors outside the map's frame are left out.`,
    noPoints: 'No actor has a location.',
    noBoundaries: 'The boundary data were not found, so the map is left out.',
    sector: (s: string) => SECTOR_LABELS_EN[s as Sector] ?? 'other',
    prefecture: (code: string) => findPrefecture(code)?.nameEn ?? code,
  },
} as const;

const REGION_FRAME = { width: 640, minHeight: 260, maxHeight: 640, pad: 14 };
const e = escapeHtml;

function nationalSvg(
  boundaries: PrefectureTopology,
  codes: ReadonlySet<string>,
  title: string,
  language: ReportLanguage,
): string {
  const shapes = nationalPrefectureShapes(boundaries);
  const inset = shapes.find((s) => s.code === NATIONAL_INSET_PREFECTURE)?.inset;
  const frame = inset
    ? `<g class="map-inset" data-code="${NATIONAL_INSET_PREFECTURE}"><rect x="${inset.x.toFixed(1)}" y="${inset.y.toFixed(1)}" width="${inset.width.toFixed(1)}" height="${inset.height.toFixed(1)}" fill="#f6f8fa" stroke="#8a94a3"/><text x="${(inset.x + inset.width / 2).toFixed(1)}" y="${(inset.y + inset.height - 6).toFixed(1)}" text-anchor="middle" font-size="20" fill="#333">${e(WORDS[language].prefecture(NATIONAL_INSET_PREFECTURE))}</text></g>`
    : '';
  const paths = shapes
    .map(
      (s) =>
        `<path class="prefecture${codes.has(s.code) ? ' in-region' : ''}" data-code="${s.code}" d="${s.path}" fill="${codes.has(s.code) ? '#1d4ed8' : '#cfd8e3'}" stroke="#fff" stroke-width="0.6"/>`,
    )
    .join('');
  return `<svg class="map map-national" viewBox="0 0 ${NATIONAL_MAP_WIDTH} ${NATIONAL_MAP_HEIGHT}" role="img" aria-label="${e(title)}"><title>${e(title)}</title><rect width="100%" height="100%" fill="#eaf2fb"/>${frame}${paths}</svg>`;
}

function regionSvg(
  boundaries: PrefectureTopology,
  report: RegionReport,
  title: string,
): { svg: string; placed: number } {
  const map = regionPrefectureMap(
    boundaries,
    report.scope.prefectureCodes,
    report.map,
    REGION_FRAME,
  );
  const context = map.context
    .map((c) => `<path d="${c.path}" fill="#eef1f4" stroke="#c3cad3" stroke-width="0.8"/>`)
    .join('');
  const own = map.shapes
    .map(
      (s) =>
        `<path class="prefecture in-region" data-code="${s.code}" d="${s.path}" fill="#ffffff" stroke="#475569" stroke-width="1.2"/>`,
    )
    .join('');
  const dots = map.points
    .map(({ x, y, index }) => {
      const p = report.map[index];
      if (!p) return '';
      return `<circle class="actor" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.6" fill="${sectorColour(p.sector)}" fill-opacity="0.75"><title>${e(p.name)}</title></circle>`;
    })
    .join('');
  return {
    svg: `<svg class="map map-region" viewBox="0 0 ${map.width} ${map.height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title><rect width="100%" height="100%" fill="#eaf2fb"/>${context}${own}${dots}</svg>`,
    placed: map.points.length,
  };
}

/** A prefecture by municipality, as the app's prefecture map: remote islands in boxes under it. */
function municipalitySvg(
  topology: MunicipalityTopology,
  report: RegionReport,
  title: string,
): { svg: string; placed: number; islands: number } {
  const map = prefectureMunicipalityMap(topology);
  const frames = map.shapes
    .filter((s) => s.inset !== null && !s.missing)
    .map((s) => {
      const b = s.inset ?? { x: 0, y: 0, width: 0, height: 0 };
      return `<g class="map-inset" data-name="${e(s.name)}"><rect x="${b.x.toFixed(1)}" y="${b.y.toFixed(1)}" width="${b.width.toFixed(1)}" height="${b.height.toFixed(1)}" fill="#f6f8fa" stroke="#8a94a3"/><text x="${(b.x + b.width / 2).toFixed(1)}" y="${(b.y + b.height - 6).toFixed(1)}" text-anchor="middle" font-size="12" fill="#333" lang="ja">${e(s.name)}</text></g>`;
    })
    .join('');
  const paths = map.shapes
    .filter((s) => !s.missing)
    .map(
      (s) =>
        `<path class="municipality" data-code="${e(s.code5)}" d="${s.path}" fill="#ffffff" stroke="#94a3b8" stroke-width="0.6"/>`,
    )
    .join('');
  let placed = 0;
  const dots = report.map
    .map((p) => {
      const at = map.place(p.lon, p.lat);
      if (!at) return '';
      placed += 1;
      return `<circle class="actor" cx="${at[0].toFixed(1)}" cy="${at[1].toFixed(1)}" r="3" fill="${sectorColour(p.sector)}" fill-opacity="0.75"><title>${e(p.name)}</title></circle>`;
    })
    .join('');
  return {
    svg: `<svg class="map map-region" viewBox="0 0 ${map.width} ${map.height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title><rect width="100%" height="100%" fill="#eaf2fb"/>${frames}${paths}${dots}</svg>`,
    placed,
    islands: map.shapes.filter((s) => s.inset !== null).length,
  };
}

/** Section 1's body: the national map and the region's own, with the legend and the notes. */
export function regionMapSection(
  report: RegionReport,
  boundaries: PrefectureTopology | null,
  language: ReportLanguage,
  scopeName: string,
  /** A prefecture's municipalities: a prefecture's report draws them as the app's prefecture map. */
  municipalities: (prefectureCode: string) => MunicipalityTopology | null = () => null,
): string {
  const w = WORDS[language];
  if (!boundaries) return `<p class="note">${w.noBoundaries}</p>`;
  const codes = new Set(report.scope.prefectureCodes);
  const national = nationalSvg(boundaries, codes, w.national(scopeName), language);
  const municipal = report.scope.kind === 'prefecture' ? municipalities(report.scope.id) : null;
  const region = municipal
    ? municipalitySvg(municipal, report, w.region(scopeName))
    : { ...regionSvg(boundaries, report, w.region(scopeName)), islands: 0 };
  // the sectors in the palette's order, any it does not name after them
  const rank = (s: string) => {
    const at = Object.keys(SECTOR_COLOURS).indexOf(s);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const sectors = [...new Set(report.map.map((p) => p.sector))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const legend = sectors
    .map((s) => `<span><i style="background:${sectorColour(s)}"></i>${e(w.sector(s))}</span>`)
    .join(' ');
  const outside = report.map.length - region.placed;
  const notes = [
    report.map.length === 0 ? w.noPoints : '',
    outside > 0 ? w.outside(outside) : '',
    region.islands > 0 ? w.islandNote : '',
    w.insetNote,
  ]
    .filter((n) => n !== '')
    .join(' ');
  return `<div class="maps"><figure class="map-figure national">${national}<figcaption>${e(w.national(scopeName))}</figcaption></figure><figure class="map-figure region">${region.svg}<figcaption>${e(w.region(scopeName))}</figcaption></figure></div><p class="legend">${legend}</p><p class="note">${notes}</p>`;
}
