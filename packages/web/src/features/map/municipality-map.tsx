import { geoBounds, geoCentroid, geoDistance, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import { feature } from 'topojson-client';
import { loadTopology } from './load-topology.ts';
import { useGet } from '../../api/use-api.tsx';
import { SEQUENTIAL } from '../../colors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link } from '../../router.tsx';
import { breaksOf, classOf, legendOf } from './choropleth-scale.ts';
import { InsetFrame, RankedTable } from './map-parts.tsx';
import {
  HEIGHT,
  INSET_GAP,
  INSET_HEIGHT,
  INSET_LABEL,
  insetBoxes,
  insetPart,
  PAD,
  WIDTH,
  type InsetBox,
} from './map-insets.ts';

/** Properties written by scripts/split-municipality-geo.ts: 5-digit code (no check digit), name. */
type MunicipalityProperties = { code: string; name: string };

/** A municipality farther than this many median distances from the prefecture's middle is remote. */
const REMOTE_FACTOR = 5;
/** ... but never one closer than this (radians, about 50 km). */
const REMOTE_MIN = 50 / 6371;

/**
 * The features the main map is fitted to: remote islands (e.g. Tokyo's 小笠原村, 1,000 km south)
 * would shrink the rest of the prefecture to a dot, so they are left out of the fit and drawn in
 * inset boxes of their own instead.
 */
function fitted<P extends MunicipalityProperties>(
  features: Feature<Geometry, P>[],
): Feature<Geometry, P>[] {
  features = features.filter((f) => f.geometry);
  const centroids = features.map((f) => geoCentroid(f));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const middle: [number, number] = [
    median(centroids.map((c) => c[0])),
    median(centroids.map((c) => c[1])),
  ];
  const distances = centroids.map((c) => geoDistance(c, middle));
  const limit = Math.max(REMOTE_MIN, REMOTE_FACTOR * median(distances));
  const near = features.filter((_, i) => (distances[i] ?? 0) <= limit);
  // Leave the remote ones out only when that at least doubles the scale (Tokyo, Okinawa), not
  // for a large island near by (Nagasaki's 対馬市) or a chain that stays in view (Kagoshima).
  return spanOf(near) <= REMOTE_GAIN * spanOf(features) ? near : features;
}

/** Leaving remote features out must shrink the fitted span to this share or less. */
const REMOTE_GAIN = 0.5;

/** The larger side, in degrees, of the features' bounding box. */
function spanOf(features: Feature<Geometry, MunicipalityProperties>[]): number {
  const [[x0, y0], [x1, y1]] = geoBounds({ type: 'FeatureCollection', features });
  return Math.max(x1 - x0, y1 - y0);
}

interface MunicipalityShape {
  /** 5-digit code as in MLIT N03 (N03_007). */
  code5: string;
  name: string;
  path: string;
  centroid: [number, number];
  /** Drawn in an inset box (a remote island, see `fitted`), each at its own scale. */
  inset: InsetBox | null;
  /** No geometry at this scale (an islet simplified away): named under the map instead. */
  missing: boolean;
}

/**
 * Fetches one prefecture's municipality boundaries (split per prefecture at build time, ~15 KB) only
 * when the prefecture is drilled into, and projects them once.
 */
function useMunicipalityShapes(prefecture: string) {
  const [shapes, setShapes] = useState<MunicipalityShape[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    loadTopology<'municipalities', MunicipalityProperties>(
      `/geo/municipalities/${prefecture}.topojson.json`,
      'municipalities',
      controller.signal,
    ).then(
      (topology) => {
        const collection: FeatureCollection<Geometry, MunicipalityProperties> = feature(
          topology,
          topology.objects.municipalities,
        );
        const withGeometry = collection.features.filter((f) => f.geometry);
        const main = fitted(withGeometry);
        // Insets from north to south, as the islands lie.
        const remote = withGeometry
          .filter((f) => !main.includes(f))
          .sort((a, b) => geoCentroid(b)[1] - geoCentroid(a)[1]);
        const boxes = insetBoxes(remote.length);
        const mainBottom = HEIGHT - PAD - (remote.length > 0 ? INSET_HEIGHT + INSET_GAP : 0);
        const mainPath = geoPath(
          geoMercator().fitExtent(
            [
              [PAD, PAD],
              [WIDTH - PAD, mainBottom],
            ],
            { type: 'FeatureCollection', features: main },
          ),
        );
        const shapeOf = (
          f: Feature<Geometry, MunicipalityProperties>,
          path: ReturnType<typeof geoPath>,
          inset: InsetBox | null,
        ): MunicipalityShape => {
          const [cx, cy] = path.centroid(f);
          return {
            code5: f.properties.code,
            name: f.properties.name,
            path: f.geometry ? (path(f) ?? '') : '',
            centroid: [cx, cy],
            inset,
            missing: !f.geometry,
          };
        };
        setShapes(
          collection.features.map((f: Feature<Geometry, MunicipalityProperties>) => {
            const at = remote.indexOf(f);
            const box = boxes[at];
            if (box === undefined) return shapeOf(f, mainPath, null);
            const drawn = insetPart(f);
            const inner = geoMercator().fitExtent(
              [
                [box.x + 6, box.y + 6],
                [box.x + box.width - 6, box.y + box.height - INSET_LABEL - 4],
              ],
              drawn,
            );
            return shapeOf(drawn, geoPath(inner), box);
          }),
        );
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [prefecture]);
  return { shapes, error };
}

/** Keeps a tooltip (an inset's too) inside the map. */
const clamp = (percent: number) => Math.min(100, Math.max(8, percent));

interface Tip {
  code5: string;
  x: number;
  y: number;
}

/** A prefecture's municipalities as a choropleth of one metric, with a legend, tooltip and table. */
export function MunicipalityMap({
  prefecture,
  metric,
  onBack,
}: {
  prefecture: string;
  metric: string;
  onBack: () => void;
}) {
  const { t, label, number, language } = useI18n();
  const { prefectureName } = useSharedData();
  const { shapes, error } = useMunicipalityShapes(prefecture);
  const state = useGet('/api/web/choropleth/municipalities', { query: { prefecture, metric } });
  const data = state.data?.metric === metric ? state.data : undefined;
  const [tip, setTip] = useState<Tip | null>(null);

  /** Musubi's 6-digit codes (with check digit) by the boundary file's 5-digit code. */
  const byCode5 = useMemo(
    () => new Map((data?.municipalities ?? []).map((m) => [m.code.slice(0, 5), m])),
    [data],
  );
  const breaks = useMemo(
    () => (data?.available ? breaksOf(Object.values(data.values)) : []),
    [data],
  );
  const unit = data?.unit === 'JPY' ? (language === 'ja' ? '円' : 'JPY') : (data?.unit ?? '');
  const metricName = label('metric', metric);
  const prefName = prefectureName(prefecture);
  const valueOf = (code5: string) => {
    const m = byCode5.get(code5);
    return m ? (data?.values[m.code] ?? 0) : 0;
  };
  const nameOf = (shape: MunicipalityShape) => byCode5.get(shape.code5)?.name ?? shape.name;
  const describe = (shape: MunicipalityShape) =>
    data?.available
      ? `${nameOf(shape)}: ${number(valueOf(shape.code5))} ${unit}`
      : `${nameOf(shape)}: ${t('map.prefectureOnlyShort')}`;

  const showTip = (shape: MunicipalityShape, event?: MouseEvent<SVGPathElement>) => {
    const svg = event?.currentTarget.ownerSVGElement;
    if (event && svg) {
      const box = svg.getBoundingClientRect();
      setTip({
        code5: shape.code5,
        x: ((event.clientX - box.left) / box.width) * 100,
        y: ((event.clientY - box.top) / box.height) * 100,
      });
    } else {
      setTip({
        code5: shape.code5,
        x: (shape.centroid[0] / WIDTH) * 100,
        y: (shape.centroid[1] / HEIGHT) * 100,
      });
    }
  };
  const tipShape = tip ? shapes?.find((s) => s.code5 === tip.code5) : undefined;

  return (
    <div data-testid="municipality-map" data-prefecture={prefecture}>
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="map-back">
          {t('map.back')}
        </button>
        <h2 style={{ margin: 0 }}>{t('map.municipalitiesOf', { name: prefName })}</h2>
        <Link href={hrefOf('/', { prefecture })}>{t('map.openOverview', { name: prefName })}</Link>
      </div>
      {error ? <ErrorMessage message={error} /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {data && !data.available ? (
        <p className="notice" data-testid="map-prefecture-only">
          {t('map.prefectureOnly', { metric: metricName })}
        </p>
      ) : null}
      {data?.available ? (
        <>
          <ul className="legend" aria-label={t('map.legend', { unit })}>
            {legendOf(breaks, number).map((l) => (
              <li key={l.text}>
                <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
                {l.text}
              </li>
            ))}
          </ul>
          {data.unplaced > 0 ? (
            <p className="stat-detail">
              {t('map.unplaced', { value: number(data.unplaced), unit })}
            </p>
          ) : null}
        </>
      ) : null}
      <p className="stat-detail" role="status" aria-live="polite" data-testid="municipality-focus">
        {tipShape && data ? describe(tipShape) : t('map.municipalityHint')}
      </p>
      {!shapes || !data ? (
        <Loading />
      ) : (
        <figure style={{ margin: 0 }} className="map-figure">
          <svg
            className="map-svg"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="group"
            aria-label={t('map.municipalityAriaLabel', { name: prefName, metric: metricName })}
            data-testid="municipality-svg"
            data-metric={data.metric}
            onMouseLeave={() => setTip(null)}
          >
            {shapes.map((s) =>
              s.inset ? (
                <InsetFrame
                  key={`inset-${s.code5}`}
                  box={s.inset}
                  code={byCode5.get(s.code5)?.code ?? s.code5}
                  name={nameOf(s)}
                />
              ) : null,
            )}
            {shapes
              .filter((s) => s.path)
              .map((s) => (
                <path
                  key={s.code5}
                  className="municipality"
                  d={s.path}
                  fill={data.available ? SEQUENTIAL[classOf(valueOf(s.code5), breaks)] : '#d9dde3'}
                  tabIndex={0}
                  aria-label={describe(s)}
                  data-code={byCode5.get(s.code5)?.code ?? s.code5}
                  onMouseMove={(e) => showTip(s, e)}
                  onFocus={() => showTip(s)}
                  onBlur={() => setTip(null)}
                />
              ))}
          </svg>
          {tipShape ? (
            <div
              className="map-tooltip"
              role="tooltip"
              data-testid="municipality-tooltip"
              style={{ left: `${clamp(tip?.x ?? 0)}%`, top: `${clamp(tip?.y ?? 0)}%` }}
            >
              {describe(tipShape)}
            </div>
          ) : null}
          {shapes.some((s) => s.inset) ? (
            <p className="stat-detail" data-testid="map-insets-note">
              {t('map.insets')}
            </p>
          ) : null}
          {shapes.some((s) => s.missing) ? (
            <p className="stat-detail" data-testid="map-remote">
              {t('map.remote', {
                names: shapes
                  .filter((s) => s.missing)
                  .map(nameOf)
                  .join('、'),
              })}
            </p>
          ) : null}
          <figcaption className="credit">{t('map.credit')}</figcaption>
        </figure>
      )}
      {data?.available ? (
        <RankedTable
          testId="municipality-table"
          caption={t('map.municipalityCaption', { name: prefName, metric: metricName })}
          placeHeader={t('map.municipality')}
          unit={unit}
          rows={data.municipalities.map((m) => ({
            code: m.code,
            name: m.name,
            value: data.values[m.code] ?? 0,
          }))}
        />
      ) : null}
    </div>
  );
}
