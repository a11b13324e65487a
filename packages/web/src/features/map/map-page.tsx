import { useId, useMemo, useState } from 'react';
import { useGet } from '../../api/use-api.tsx';
import { Credits } from '../../components/data-notes.tsx';
import { SEQUENTIAL } from '../../colors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { breaksOf, classOf, legendOf } from './choropleth-scale.ts';
import { usePrefectureShapes } from './prefecture-shapes.tsx';
import { PrefectureMap } from './prefecture-map.tsx';
import { RankedTable } from './map-parts.tsx';
import { MunicipalityMap } from './municipality-map.tsx';
import { hrefOf, Link, navigate, updateQuery, useLocation } from '../../router.tsx';
import { useCommunityLabel } from '../network/community-name.tsx';

export function MapPage() {
  const { t, label, number, language } = useI18n();
  const communityLabel = useCommunityLabel();
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
  const { shapes, error } = usePrefectureShapes(nameToCode);
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
                      {communityLabel(c)}
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
                <PrefectureMap
                  shapes={shapes}
                  nameOf={prefectureName}
                  label={t('map.ariaLabel', { metric: metricName })}
                  testId="map-svg"
                  data={{ metric: data.metric }}
                  pathOf={(code) => {
                    const value = data.values[code] ?? 0;
                    return {
                      fill: SEQUENTIAL[classOf(value, breaks)],
                      className: 'prefecture',
                      label: `${prefectureName(code)}: ${format(value)} ${unit}`,
                      role: 'button',
                      onFocus: () => setFocus(code),
                      onActivate: () => drill(code),
                    };
                  }}
                >
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
                </PrefectureMap>
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
      <SourceCredits />
    </section>
  );
}

/** The credit lines of the open sources whose records the map counts (the national summary's). */
function SourceCredits() {
  const state = useGet('/api/web/summary', { query: {} });
  return <Credits credits={state.data?.credits ?? []} />;
}
