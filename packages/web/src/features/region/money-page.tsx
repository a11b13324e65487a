import { useGet } from '../../api/use-api.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { nameIn } from '../forms/record-names.ts';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { Link } from '../../router.tsx';
import { MoneyCirculationPanel } from './money-circulation-panel.tsx';
import { NOWRAP, useRegionOrConsortium } from './region-scope.tsx';

/** On a phone a wide table scrolls sideways in its panel rather than wrapping letter by letter. */
const WIDE = { minWidth: '46rem' };

const SOURCES = [
  'national_programme',
  'prefecture',
  'municipality',
  'company',
  'bank',
  'vc',
  'equity',
  'crowdfunding',
  'gap_fund',
  'consortium',
  'foundation',
  'other',
] as const;

/**
 * Money and self-sustainability (地域の資金循環・自立化) of a prefecture, an ABC community or a named
 * consortium (its members' flows, wherever they are).
 */
export function MoneyPage() {
  const { t, label, number, percent, language } = useI18n();
  const { scope, selector } = useRegionOrConsortium('/money');
  const state = useGet('/api/analyses/money', { query: scope });
  const data = state.data;
  const share = (v: number | null) => (v === null ? '—' : percent(v));
  const yen = (v: number | null) =>
    v === null ? '—' : t('money.millions', { value: number(v / 1e6, 1) });
  const sources = data ? SOURCES.filter((s) => data.region.bySource[s] !== undefined) : [];
  return (
    <section aria-labelledby="money-heading">
      <h1 id="money-heading">{t('money.title')}</h1>
      <WriteActions entity="funding" newHref="/funding/new" />
      <p>{t('money.intro')}</p>
      {selector}
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'} className="stack">
          <p className="muted" data-testid="money-scope" data-kind={data.scope.kind}>
            {t('money.scope', { name: nameIn(data.scope, language), fy: String(data.asOfFy) })}
            {data.scope.kind === 'consortium'
              ? ` ${t('strengthsMoney.consortiumScope', { members: data.scope.members })}`
              : ''}
          </p>
          <dl className="stats">
            <StatCard
              label={t('money.total')}
              value={yen(data.region.total)}
              detail={t('money.flows', { count: data.region.flows })}
            />
            <StatCard label={t('money.nationalShare')} value={share(data.region.nationalShare)} />
            <StatCard label={t('money.localShare')} value={share(data.region.localShare)} />
            <StatCard
              label={t('money.largest')}
              value={share(data.region.dependency.largest?.share ?? null)}
              detail={
                data.region.dependency.largest
                  ? ((language === 'en'
                      ? data.sourceNamesEn?.[data.region.dependency.largest.key]
                      : undefined) ??
                    data.sourceNames[data.region.dependency.largest.key] ??
                    data.region.dependency.largest.key)
                  : ''
              }
            />
            <StatCard
              label="HHI"
              value={
                data.region.dependency.hhi === null ? '—' : number(data.region.dependency.hhi, 3)
              }
              detail={
                data.region.dependency.concentrated === null
                  ? t('money.noClaim')
                  : data.region.dependency.concentrated
                    ? t('money.concentrated')
                    : t('money.diverse')
              }
            />
          </dl>
          {data.region.note ? (
            <p className="notice" data-testid="money-note">
              {t('money.thin')} ({data.region.note})
            </p>
          ) : null}
          <MoneyCirculationPanel circulation={data.circulation} />
          <div className="panel">
            <table data-testid="money-years" style={{ minWidth: `${10 + sources.length * 7}rem` }}>
              <caption>{t('money.byYear')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('money.fy')}</th>
                  {sources.map((s) => (
                    <th key={s} scope="col" className="num">
                      {label('money.source', s)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('money.nationalShare')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.region.years.map((y) => (
                  <tr key={y.fiscalYear}>
                    <th scope="row" style={NOWRAP}>
                      {y.fiscalYear}
                    </th>
                    {sources.map((s) => (
                      <td key={s} className="num">
                        {y.bySource[s] === undefined ? '' : yen(y.bySource[s] ?? null)}
                      </td>
                    ))}
                    <td className="num">{share(y.nationalShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="panel">
            <table data-testid="money-projects" style={WIDE}>
              <caption>{t('money.runways')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('money.project')}</th>
                  <th scope="col">{t('money.outlook')}</th>
                  <th scope="col" className="num">
                    {t('money.nationalEnd')}
                  </th>
                  <th scope="col" className="num">
                    {t('money.runway')}
                  </th>
                  <th scope="col">{t('money.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {data.projects.length === 0 ? (
                  <tr>
                    <td colSpan={5}>{t('money.noProjects')}</td>
                  </tr>
                ) : (
                  data.projects.map((p) => (
                    <tr key={p.projectId} data-outlook={p.outlook}>
                      <th scope="row">
                        <Link href={`/projects/${encodeURIComponent(p.projectId)}`}>{p.title}</Link>
                      </th>
                      <td>
                        <span
                          className={
                            p.outlook === 'heading_for_stop' || p.outlook === 'at_risk'
                              ? 'tag warn'
                              : 'tag'
                          }
                        >
                          {label('money.outlook', p.outlook)}
                        </span>
                      </td>
                      <td className="num">{p.nationalEndFy ?? '—'}</td>
                      <td className="num">
                        {p.runwayYears === null
                          ? '—'
                          : t('money.years', { years: number(p.runwayYears, 1) })}
                      </td>
                      <td>{p.reasons.join(' / ')}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {t('money.basis')} {data.method}
          </p>
        </div>
      )}
    </section>
  );
}
