/**
 * Regional strengths as a map (地域の強み, field × place): choose a field and see its location
 * quotient with the 95% interval in every prefecture, on the app's national map; the interval
 * decides what is called a specialisation, not the point value.
 */
import { useId, useMemo } from 'react';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { updateQuery, useLocation } from '../../router.tsx';
import { PrefectureMap } from '../map/prefecture-map.tsx';
import { usePrefectureShapes } from '../map/prefecture-shapes.tsx';
import { LQ_CLASSES, lqClassOf } from './lq-scale.ts';

import { PlaceStrengths, UnitBasis } from './place-strengths.tsx';
import { isStrengthMeasure, STRENGTH_MEASURES, type StrengthMeasure } from './strength-measures.ts';

export function StrengthsPage() {
  const { t, number, language } = useI18n();
  const { meta, prefectureName } = useSharedData();
  const { search } = useLocation();
  const id = useId();
  const field = search.get('field') ?? '';
  const measureParam = search.get('measure') ?? 'records';
  const measure: StrengthMeasure = isStrengthMeasure(measureParam) ? measureParam : 'records';
  const placeParam = search.get('place') ?? '';
  const place = meta.prefectures.some((p) => p.code === placeParam) ? placeParam : null;
  const nameToCode = useMemo(
    () => new Map(meta.prefectures.map((p) => [p.name, p.code])),
    [meta.prefectures],
  );
  const { shapes, error } = usePrefectureShapes(nameToCode);
  const state = useGet('/api/analyses/strengths/map', {
    query: { ...(field ? { field } : {}), measure },
  });
  const data = state.data;
  const fieldLabel = (f: { field: string; fieldEn: string }) =>
    language === 'ja' || f.fieldEn === f.field ? f.field : `${f.fieldEn} (${f.field})`;
  const current = data?.fields.find((f) => f.field === data.field);
  const byCode = new Map((data?.places ?? []).map((p) => [p.code, p]));
  const lq = (v: number | null) => (v === null ? '—' : number(v, 2));
  const describe = (code: string) => {
    const p = byCode.get(code);
    const name = prefectureName(code);
    if (!p || p.lq === null) return t('report2.strengthsNoUnits', { name });
    return t('report2.strengthsPlace', {
      name,
      lq: lq(p.lq),
      low: lq(p.ciLow),
      high: lq(p.ciHigh),
      count: p.count,
    });
  };
  const ranked = [...(data?.places ?? [])].sort(
    (a, b) => (b.lq ?? -1) - (a.lq ?? -1) || a.code.localeCompare(b.code),
  );
  return (
    <section aria-labelledby="strengths-heading">
      <h1 id="strengths-heading">{t('report2.strengthsTitle')}</h1>
      <p>{t('report2.strengthsIntro')}</p>
      <div className="map-layout strengths-layout">
        <div className="panel">
          <div className="toolbar" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <label htmlFor={`${id}-field`}>
              {t('report2.strengthsField')}
              <select
                id={`${id}-field`}
                value={data?.field ?? field}
                onChange={(e) => updateQuery({ field: e.target.value || undefined })}
              >
                {(data?.fields ?? []).map((f) => (
                  <option key={f.field} value={f.field}>
                    {fieldLabel(f)} ({number(f.total)})
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={`${id}-measure`}>
              {t('report2.strengthsMeasure')}
              <select
                id={`${id}-measure`}
                value={measure}
                onChange={(e) => updateQuery({ measure: e.target.value, field: undefined })}
              >
                {STRENGTH_MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {t(`report2.measure.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <h2>{t('report2.strengthsLegend')}</h2>
          <ul className="legend legend-column" data-testid="strengths-legend">
            {LQ_CLASSES.map((c) => (
              <li key={c.key}>
                <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                {t(`report2.lq.${c.key}`)}
              </li>
            ))}
            <li>
              <span className="swatch specialised-swatch" aria-hidden="true" />
              {t('report2.lq.specialised')}
            </li>
          </ul>
          <p className="stat-detail">{t('report2.strengthsMethod')}</p>
          {data && data.units.length > 0 ? (
            <>
              <p className="stat-detail">{t('strengthsMoney.basis')}</p>
              <UnitBasis units={data.units} />
            </>
          ) : null}
          {data?.generatedData ? (
            <p className="notice" data-testid="strengths-generated">
              {language === 'ja' ? data.generatedData.ja : data.generatedData.en}
            </p>
          ) : null}
        </div>
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
                label={t('report2.strengthsMapLabel', {
                  field: current ? fieldLabel(current) : '',
                })}
                testId="strengths-map"
                data={{ field: data.field ?? '' }}
                pathOf={(code) => {
                  const place = byCode.get(code);
                  return {
                    fill: lqClassOf(place?.lq ?? null).colour,
                    className: `prefecture${place?.specialised ? ' specialised' : ''}`,
                    label: describe(code),
                    role: 'img',
                    data: { lq: place?.lq ?? '' },
                  };
                }}
              />
              <figcaption className="credit">{t('map.credit')}</figcaption>
            </figure>
          )}
          {data ? (
            <div style={{ overflowX: 'auto' }}>
              <table data-testid="strengths-table">
                <caption>
                  {t('report2.strengthsTableCaption', {
                    field: current ? fieldLabel(current) : '',
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report2.strengthsPrefecture')}</th>
                    <th scope="col" className="num">
                      LQ
                    </th>
                    <th scope="col">{t('report2.strengthsInterval')}</th>
                    <th scope="col" className="num">
                      {t('report2.strengthsCount')}
                    </th>
                    <th scope="col" className="num">
                      {t('report2.strengthsExpected')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.map((p) => (
                    <tr key={p.code} data-code={p.code} data-specialised={p.specialised}>
                      <th scope="row">
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={place === p.code}
                          onClick={() => updateQuery({ place: p.code })}
                        >
                          {prefectureName(p.code)}
                        </button>
                        {p.specialised ? ` ★ ${t('report2.lq.specialisedShort')}` : ''}
                      </th>
                      <td className="num">{lq(p.lq)}</td>
                      <td>{p.lq === null ? '—' : `[${lq(p.ciLow)}, ${lq(p.ciHigh)}]`}</td>
                      <td className="num">{number(p.count)}</td>
                      <td className="num">{number(p.expected, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <h2>{t('strengthsMoney.placeHeading')}</h2>
          {place ? (
            <PlaceStrengths prefecture={place} measure={measure} />
          ) : (
            <p className="stat-detail">{t('strengthsMoney.placeHint')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
