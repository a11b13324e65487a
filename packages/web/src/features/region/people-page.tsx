import { useGet } from '../../api/use-api.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { nameIn } from '../forms/record-names.ts';
import { Link } from '../../router.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { rateText, NOWRAP, useRegionScope } from './region-scope.tsx';

/** People (人材育成) of a region: programmes, learners, local retention, coordinators. */
export function PeoplePage() {
  const { t, label, number, percent, language } = useI18n();
  const { scope, selector } = useRegionScope('/people');
  const state = useGet('/api/analyses/people', { query: scope });
  const data = state.data;
  const share = (v: number | null) => (v === null ? '—' : percent(v));
  return (
    <section aria-labelledby="people-heading">
      <h1 id="people-heading">{t('people.title')}</h1>
      <WriteActions entity="training-programmes" newHref="/training-programmes/new" />
      <p>{t('people.intro')}</p>
      {selector}
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'} className="stack">
          <p className="muted">{t('people.scope', { name: nameIn(data.area, language) })}</p>
          <dl className="stats">
            <StatCard
              label={t('people.retention')}
              value={rateText(data.retention, percent)}
              detail={
                data.retention.claim
                  ? t('people.known', { n: data.retention.n })
                  : `${t('people.noClaim')} ${data.retention.note ?? ''}`
              }
            />
            <StatCard
              label={t('people.learners')}
              value={number(data.retention.totals.enrolled)}
              detail={t('people.completed', { n: data.retention.totals.completed })}
            />
            <StatCard
              label={t('people.coordinators')}
              value={
                data.coordinators.latestStaff === null ? '—' : number(data.coordinators.latestStaff)
              }
            />
            <StatCard
              label={t('people.turnover')}
              value={rateText(data.coordinators.turnover, percent)}
              detail={
                data.coordinators.turnover.claim
                  ? t('people.staffYears', { n: data.coordinators.turnover.n })
                  : `${t('people.noClaim')} ${data.coordinators.turnover.note ?? ''}`
              }
            />
          </dl>
          <div className="panel">
            <table data-testid="people-programmes" style={{ minWidth: '32rem' }}>
              <caption>{t('people.programmes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.programme')}</th>
                  <th scope="col">{t('people.kind')}</th>
                  <th scope="col" className="num">
                    {t('people.learners')}
                  </th>
                  <th scope="col" className="num">
                    {t('people.completionRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('people.retention')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.programmes.length === 0 ? (
                  <tr>
                    <td colSpan={5}>{t('people.noProgrammes')}</td>
                  </tr>
                ) : (
                  data.programmes.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link href={`/training-programmes/${encodeURIComponent(p.id)}`}>
                          {p.name}
                        </Link>
                      </th>
                      <td>{label('people.kind', p.kind)}</td>
                      <td className="num">{number(p.totals.enrolled)}</td>
                      <td className="num">{share(p.completionRate)}</td>
                      <td className="num">
                        {rateText(p.retention, percent)}
                        {p.retention.claim ? null : (
                          <span className="stat-detail">{t('people.noClaim')}</span>
                        )}
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <div className="panel">
            <table data-testid="people-coordinators">
              <caption>{t('people.coordinatorYears')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.fy')}</th>
                  <th scope="col" className="num">
                    {t('people.coordinators')}
                  </th>
                  <th scope="col" className="num">
                    {t('people.departures')}
                  </th>
                  <th scope="col" className="num">
                    {t('people.turnover')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.coordinators.years.map((y) => (
                  <tr key={y.fiscalYear}>
                    <th scope="row" style={NOWRAP}>
                      {y.fiscalYear}
                    </th>
                    <td className="num">{y.staff ?? '—'}</td>
                    <td className="num">{y.departures ?? '—'}</td>
                    <td className="num">{share(y.turnover)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.note ? <p className="muted">{data.note}</p> : null}
          <p className="muted">
            {t('people.basis')} {data.method}
          </p>
        </div>
      )}
    </section>
  );
}
