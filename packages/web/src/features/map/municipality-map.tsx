import { useEffect, useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import { HEIGHT, WIDTH } from '#core/map/map-insets.ts';
import {
  prefectureMunicipalityMap,
  type MunicipalityProperties,
  type MunicipalityShape,
} from '#core/map/municipality-shapes.ts';
import { loadTopology } from './load-topology.ts';
import { useGet } from '../../api/use-api.tsx';
import { SEQUENTIAL } from '../../colors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link } from '../../router.tsx';
import { breaksOf, classOf, legendOf } from './choropleth-scale.ts';
import { InsetFrame, RankedTable } from './map-parts.tsx';

/**
 * Fetches one prefecture's municipality boundaries (split per prefecture at build time, ~15 KB) only
 * when the prefecture is drilled into, and projects them once with core/map's projection (remote
 * islands in insets; the one the printed region report draws too).
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
      (topology) => setShapes(prefectureMunicipalityMap(topology).shapes),
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
