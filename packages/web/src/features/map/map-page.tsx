import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useId, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import { loadTopology } from './load-topology.ts';
import { useGet } from '../../api/use-api.tsx';
import { SEQUENTIAL } from '../../colors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { breaksOf, classOf, legendOf } from './choropleth-scale.ts';
import {
  INSET_LABEL,
  NATIONAL_INSET_PAD,
  NATIONAL_INSET_PREFECTURE,
  partsNearLargest,
  TOKYO_REACH,
  type InsetBox,
} from './map-insets.ts';
import { InsetFrame, RankedTable } from './map-parts.tsx';
import { MunicipalityMap } from './municipality-map.tsx';
import { hrefOf, Link, navigate, updateQuery, useLocation } from '../../router.tsx';

const WIDTH = 800;
const HEIGHT = 820;

interface PrefectureShape {
  code: string;
  path: string;
  centroid: [number, number];
  /** Drawn in the inset box (沖縄県), at the box's own scale. */
  inset: InsetBox | null;
}

type PrefectureProperties = { N03_001?: string };

/** Loads the boundaries and projects them once: one SVG path per prefecture, keyed by JIS code. */
function useShapes(nameToCode: Map<string, string>) {
  const [shapes, setShapes] = useState<PrefectureShape[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    loadTopology<'prefectures', PrefectureProperties>(
      '/geo/prefectures.topojson.json',
      'prefectures',
      controller.signal,
    ).then(
      (topology) => {
        const collection: FeatureCollection<Geometry, PrefectureProperties> = feature(
          topology,
          topology.objects.prefectures,
        );
        const codeOf = (f: Feature<Geometry, PrefectureProperties>, i: number) =>
          nameToCode.get(f.properties?.N03_001 ?? '') ?? String(i + 1).padStart(2, '0');
        // 東京都 without 小笠原; 沖縄県 apart, in its box (see map-insets.ts).
        const drawn = collection.features.map((f, i) =>
          codeOf(f, i) === '13' && f.geometry ? partsNearLargest(f, TOKYO_REACH) : f,
        );
        const main = drawn.filter((f, i) => codeOf(f, i) !== NATIONAL_INSET_PREFECTURE);
        const mainProjection = geoMercator().fitSize([WIDTH, HEIGHT], {
          type: 'FeatureCollection',
          features: main,
        });
        const mainPath = geoPath(mainProjection);
        /** 沖縄県 at the main map's scale, its bounds placed in the box at the top left. */
        const insetOf = (f: Feature<Geometry, PrefectureProperties>) => {
          const projection = geoMercator().scale(mainProjection.scale()).translate([0, 0]);
          const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(f);
          const box: InsetBox = {
            x: 8,
            y: 8,
            width: x1 - x0 + 2 * NATIONAL_INSET_PAD,
            height: y1 - y0 + 2 * NATIONAL_INSET_PAD + INSET_LABEL,
          };
          projection.translate([box.x + NATIONAL_INSET_PAD - x0, box.y + NATIONAL_INSET_PAD - y0]);
          return { box, path: geoPath(projection) };
        };
        setShapes(
          drawn.map((f: Feature<Geometry, PrefectureProperties>, i: number) => {
            const code = codeOf(f, i);
            const inset = code === NATIONAL_INSET_PREFECTURE ? insetOf(f) : null;
            const path = inset?.path ?? mainPath;
            const [cx, cy] = path.centroid(f);
            return { code, path: path(f) ?? '', centroid: [cx, cy], inset: inset?.box ?? null };
          }),
        );
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [nameToCode]);
  return { shapes, error };
}

export function MapPage() {
  const { t, label, number, language } = useI18n();
  const { meta, communities, prefectureName } = useSharedData();
  const { search } = useLocation();
  const id = useId();
  const metricId = search.get('metric') ?? 'actors';
  const metric = meta.metrics.find((m) => m.id === metricId) ?? meta.metrics[0];
  const year = search.get('year') ?? '';
  const communityId = search.get('community') ?? '';
  const community = communities.communities.find((c) => c.id === communityId);
  const [focus, setFocus] = useState<string | null>(null);
  const drilledParam = search.get('prefecture') ?? '';
  const drilled = meta.prefectures.some((p) => p.code === drilledParam) ? drilledParam : null;
  /** Drills into a prefecture (a history entry of its own, so Back returns to Japan). */
  const drill = (code: string | null) => {
    const url = new URL(window.location.href);
    if (code) url.searchParams.set('prefecture', code);
    else url.searchParams.delete('prefecture');
    navigate(url.pathname + url.search);
  };

  const nameToCode = useMemo(
    () => new Map(meta.prefectures.map((p) => [p.name, p.code])),
    [meta.prefectures],
  );
  const { shapes, error } = useShapes(nameToCode);
  const state = useGet(
    '/api/web/choropleth',
    metric ? { query: { metric: metric.id, year: metric.yearly ? year : '' } } : null,
  );
  const data = state.data;
  const breaks = useMemo(() => (data ? breaksOf(Object.values(data.values)) : []), [data]);
  const unit = data?.unit === 'JPY' ? (language === 'ja' ? '円' : 'JPY') : (data?.unit ?? '');
  const metricName = label('metric', metric?.id ?? 'actors');
  const format = (v: number) => number(v);

  const legend = legendOf(breaks, format);
  const focused = focus ?? null;

  return (
    <section aria-labelledby="map-heading">
      <h1 id="map-heading">{t('map.title')}</h1>
      <div className="map-layout">
        <div className="panel">
          <div className="toolbar" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <label htmlFor={`${id}-metric`}>
              {t('map.metric')}
              <select
                id={`${id}-metric`}
                value={metric?.id}
                onChange={(e) => updateQuery({ metric: e.target.value, year: undefined })}
              >
                {meta.metrics.map((m) => (
                  <option key={m.id} value={m.id}>
                    {label('metric', m.id)}
                  </option>
                ))}
              </select>
            </label>
            {metric?.yearly && !drilled ? (
              <label htmlFor={`${id}-year`}>
                {t('map.year')}
                <select
                  id={`${id}-year`}
                  value={year || String(data?.year ?? '')}
                  onChange={(e) => updateQuery({ year: e.target.value })}
                >
                  <option value="all">{t('map.allYears')}</option>
                  {[...metric.years].reverse().map((y) => (
                    <option key={y} value={String(y)}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {drilled ? null : (
              <label htmlFor={`${id}-overlay`}>
                {t('map.overlay')}
                <select
                  id={`${id}-overlay`}
                  value={communityId}
                  onChange={(e) => updateQuery({ community: e.target.value || undefined })}
                >
                  <option value="">{t('map.noOverlay')}</option>
                  {communities.communities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {t('community.label', { id: c.id, size: c.size })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {drilled ? null : (
            <>
              <h2>{t('map.legend', { unit })}</h2>
              <ul className="legend">
                {legend.map((l) => (
                  <li key={l.text}>
                    <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
                    {l.text}
                  </li>
                ))}
              </ul>
              <p className="stat-detail" role="status" aria-live="polite" data-testid="map-focus">
                {focused && data
                  ? t('map.selected', {
                      name: prefectureName(focused),
                      value: format(data.values[focused] ?? 0),
                      unit,
                    })
                  : t('map.hint')}
              </p>
              {focused ? (
                <p>
                  <Link href={hrefOf('/', { prefecture: focused })}>
                    {t('map.openOverview', { name: prefectureName(focused) })}
                  </Link>
                </p>
              ) : null}
              {community ? (
                <div data-testid="map-overlay-info">
                  <p>
                    {t('map.overlayInfo', {
                      id: community.id,
                      count: Object.keys(community.prefectureCounts).length,
                    })}
                  </p>
                  <table>
                    <caption>{t('map.members')}</caption>
                    <tbody>
                      {Object.entries(community.prefectureCounts)
                        .sort((a, b) => b[1] - a[1])
                        .slice(0, 10)
                        .map(([code, n]) => (
                          <tr key={code}>
                            <th scope="row">{prefectureName(code)}</th>
                            <td className="num">{number(n)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                  <p>
                    <Link href={hrefOf('/network', { community: community.id })}>
                      {t('home.openNetwork')}
                    </Link>
                  </p>
                </div>
              ) : null}
            </>
          )}
        </div>
        {drilled && metric ? (
          <MunicipalityMap
            key={drilled}
            prefecture={drilled}
            metric={metric.id}
            onBack={() => drill(null)}
          />
        ) : (
          <div>
            {error ? <ErrorMessage message={error} /> : null}
            {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
            {!shapes || !data ? (
              <Loading />
            ) : (
              <figure style={{ margin: 0 }}>
                <svg
                  className="map-svg"
                  viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                  role="group"
                  aria-label={t('map.ariaLabel', { metric: metricName })}
                  data-testid="map-svg"
                  data-metric={data.metric}
                >
                  {shapes.map((s) =>
                    s.inset ? (
                      <InsetFrame
                        key={`inset-${s.code}`}
                        box={s.inset}
                        code={s.code}
                        name={prefectureName(s.code)}
                      />
                    ) : null,
                  )}
                  {shapes.map((s) => {
                    const value = data.values[s.code] ?? 0;
                    const name = prefectureName(s.code);
                    return (
                      <path
                        key={s.code}
                        className="prefecture"
                        d={s.path}
                        fill={SEQUENTIAL[classOf(value, breaks)]}
                        tabIndex={0}
                        role="button"
                        aria-label={`${name}: ${format(value)} ${unit}`}
                        data-code={s.code}
                        onMouseEnter={() => setFocus(s.code)}
                        onFocus={() => setFocus(s.code)}
                        onClick={() => drill(s.code)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            drill(s.code);
                          }
                        }}
                      >
                        <title>{`${name}: ${format(value)} ${unit}`}</title>
                      </path>
                    );
                  })}
                  {community
                    ? shapes
                        .filter((s) => community.prefectures.includes(s.code))
                        .map((s) => (
                          <path
                            key={`o${s.code}`}
                            className="overlay"
                            d={s.path}
                            data-overlay={s.code}
                          />
                        ))
                    : null}
                  {community
                    ? shapes
                        .filter((s) => (community.prefectureCounts[s.code] ?? 0) > 0)
                        .map((s) => (
                          <circle
                            key={`c${s.code}`}
                            className="overlay"
                            cx={s.centroid[0]}
                            cy={s.centroid[1]}
                            r={
                              3 +
                              14 *
                                Math.sqrt(
                                  (community.prefectureCounts[s.code] ?? 0) / community.size,
                                )
                            }
                          />
                        ))
                    : null}
                </svg>
                <p className="stat-detail" data-testid="map-national-note">
                  {t('map.nationalInsets')}
                </p>
                <figcaption className="credit">{t('map.credit')}</figcaption>
              </figure>
            )}
            {data ? (
              <RankedTable
                caption={metricName}
                placeHeader={t('actors.prefecture')}
                unit={unit}
                rows={Object.entries(data.values).map(([code, value]) => ({
                  code,
                  name: prefectureName(code),
                  value,
                }))}
              />
            ) : null}
          </div>
        )}
      </div>
    </section>
  );
}
