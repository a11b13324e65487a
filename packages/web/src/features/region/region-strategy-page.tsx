import { lazy, Suspense } from 'react';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { nameIn } from '../forms/record-names.ts';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { KpiTimelines } from './kpi-timeline-figure.tsx';
import { useRegionScope } from './region-scope.tsx';

const RecordKpiValues = lazy(() =>
  import('./record-kpi-values.tsx').then((m) => ({ default: m.RecordKpiValues })),
);

/** On a phone a wide table scrolls sideways in its panel rather than wrapping letter by letter. */
const WIDE = { minWidth: '46rem' };

const STATUS_CLASS: Record<string, string> = {
  on_track: 'tag',
  behind: 'tag warn',
  no_data: 'tag muted',
};

/** A region's strategy: vision, KPI targets by year against the measured indicators, PDCA log. */
export function RegionStrategyPage() {
  const { t, label, number, language } = useI18n();
  const { account } = useAuth();
  const { scope, selector } = useRegionScope('/region-strategy');
  const state = useGet('/api/analyses/region-strategy', { query: scope });
  const data = state.data;
  const n = (v: number | null) => (v === null ? '—' : number(v, 1));
  return (
    <section aria-labelledby="strategy-heading">
      <h1 id="strategy-heading">{t('regionStrategy.title')}</h1>
      <p>{t('regionStrategy.intro')}</p>
      <WriteActions entity="region-strategies" newHref="/region-strategies/new" />
      {selector}
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'} className="stack">
          <p className="muted">
            {t('regionStrategy.scope', {
              name: nameIn(data.area, language),
              fy: String(data.asOfFy),
            })}
          </p>
          {data.strategies.length === 0 ? (
            <p data-testid="strategy-none">{t('regionStrategy.none')}</p>
          ) : null}
          {data.strategies.map((s) => (
            <article key={s.id} className="stack" data-testid="strategy">
              <h2>
                <Link href={`/region-strategies/${encodeURIComponent(s.id)}`}>{s.name}</Link>
              </h2>
              {s.vision ? <p>{s.vision}</p> : null}
              <p className="muted">
                {s.startFy !== null && s.endFy !== null ? `FY${s.startFy}–FY${s.endFy} · ` : ''}
                {s.lastCheck === null
                  ? t('regionStrategy.noCheck')
                  : t('regionStrategy.lastCheck', {
                      date: s.lastCheck,
                      days: s.daysSinceCheck ?? 0,
                    })}
              </p>
              {s.summary.valuesWithoutTargets.length > 0 ? (
                <p className="tag warn">
                  {t('regionStrategy.missingValues', {
                    values: s.summary.valuesWithoutTargets.map((v) => label('value', v)).join('・'),
                  })}
                </p>
              ) : null}
              <div className="panel">
                <table data-testid="strategy-targets" style={WIDE}>
                  <caption>{t('regionStrategy.targets')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('regionStrategy.metric')}</th>
                      <th scope="col">{t('regionStrategy.value')}</th>
                      <th scope="col" className="num">
                        {t('regionStrategy.year')}
                      </th>
                      <th scope="col" className="num">
                        {t('regionStrategy.target')}
                      </th>
                      <th scope="col" className="num">
                        {t('regionStrategy.actual')}
                      </th>
                      <th scope="col">{t('regionStrategy.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.targets.map((k) => (
                      <tr
                        key={`${k.metric}|${k.year}`}
                        data-status={k.status}
                        data-metric={k.metric}
                        data-year={k.year}
                      >
                        <th scope="row">{k.label ?? k.metric}</th>
                        <td>{label('value', k.value)}</td>
                        <td className="num">{k.year}</td>
                        <td className="num">
                          {n(k.target)} {k.unit}
                        </td>
                        <td className="num">
                          {k.actual === null ? '—' : `${n(k.actual)} (FY${k.actualYear ?? ''})`}
                        </td>
                        <td>
                          <span className={STATUS_CLASS[k.status] ?? 'tag'} title={k.basis}>
                            {label('regionStrategy.status', k.status)}
                          </span>
                          <span className="stat-detail">{k.basis}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <KpiTimelines
                timelines={s.timelines}
                labelOf={(metric) => s.targets.find((k) => k.metric === metric)?.label ?? metric}
              />
              {account ? (
                <Suspense fallback={null}>
                  <RecordKpiValues
                    areaType={s.areaType}
                    areaCode={s.areaCode}
                    targets={s.targets.map((k) => ({
                      metric: k.metric,
                      unit: k.unit,
                      label: k.label ?? null,
                    }))}
                  />
                </Suspense>
              ) : null}
              <h3>{t('regionStrategy.pdca')}</h3>
              <ol className="stack">
                {s.pdca.map((e, i) => (
                  <li key={`${e.date}-${i}`}>
                    <strong>{label('pdca', e.phase)}</strong> {e.date} — {e.note}
                  </li>
                ))}
              </ol>
            </article>
          ))}
          {data.note ? <p className="muted">{data.note}</p> : null}
          <p className="muted">
            {t('regionStrategy.basis')} {data.method}
          </p>
        </div>
      )}
    </section>
  );
}
