import type { WebPortfolio } from '../../api/programme-types.ts';
import { useGet } from '../../api/use-api.tsx';
import { BarTable } from '../../components/bar-table.tsx';
import { ScopeSelector, type Scope } from '../../components/scope-selector.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { nameIn } from '../forms/record-names.ts';
import { hrefOf, Link, navigate, useLocation } from '../../router.tsx';
import { EntityList } from '../lists/entity-list.tsx';
import { formatNumber, formatShare } from './stat-format.ts';
import { useCommunityLabel } from '../network/community-name.tsx';

const VALUES = ['social', 'industrial', 'economic'] as const;
const DEFAULT_PREFECTURE = '13';

type PortfolioKpi = WebPortfolio['kpis'][number];

function KpiTable({ value, kpis }: { value: (typeof VALUES)[number]; kpis: PortfolioKpi[] }) {
  const { t, label, language } = useI18n();
  const n = (v: number | null) => formatNumber(v, language, 1);
  return (
    <table data-testid={`kpis-${value}`}>
      <caption>
        {label('value', value)}
        <span className="stat-detail">{label('valueHint', value)}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('portfolio.kpi')}</th>
          <th scope="col" className="num">
            {t('portfolio.kpiProjects')}
          </th>
          <th scope="col" className="num">
            {t('portfolio.target')}
          </th>
          <th scope="col" className="num">
            {t('portfolio.actual')}
          </th>
          <th scope="col" className="num">
            {t('portfolio.attainment')}
          </th>
          <th scope="col">SDGs</th>
        </tr>
      </thead>
      <tbody>
        {kpis.length === 0 ? (
          <tr>
            <td colSpan={6}>{t('portfolio.noKpis')}</td>
          </tr>
        ) : (
          kpis.map((k) => (
            <tr key={`${k.name}|${k.unit}`}>
              <th scope="row">{k.name}</th>
              <td className="num">{formatNumber(k.projects, language)}</td>
              <td className="num">
                {n(k.target)} {k.unit}
              </td>
              <td className="num" data-testid="kpi-actual">
                {k.actual === null ? '—' : `${n(k.actual)} ${k.unit}`}
                {k.missing ? (
                  <span className="stat-detail" data-testid="kpi-missing">
                    {t('portfolio.kpiMissing', { count: formatNumber(k.missing, language) })}
                  </span>
                ) : null}
              </td>
              <td className="num">
                {k.attainment === null
                  ? t('portfolio.noTarget')
                  : formatShare(k.attainment, language)}
              </td>
              <td>
                {k.sdgs.map((g) => (
                  <span key={g} className="tag" title={label('sdg', String(g))}>
                    {g}
                  </span>
                ))}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function AlertCell({ project }: { project: WebPortfolio['projects'][number] }) {
  const { t, label } = useI18n();
  const items: string[] = [];
  // a completed, stopped or ended project raises no alerts (its slips are history)
  if (project.live === false) return <span className="muted">{t('common.none')}</span>;
  if ((project.overdueMilestones ?? 0) > 0)
    items.push(t('portfolio.overdue', { count: project.overdueMilestones ?? 0 }));
  if (project.burnStatus === 'overspending' || project.burnStatus === 'underspending')
    items.push(label('burn', project.burnStatus));
  if ((project.risingRisks ?? 0) > 0)
    items.push(t('portfolio.rising', { count: project.risingRisks ?? 0 }));
  return items.length === 0 ? (
    <span className="muted">{t('common.none')}</span>
  ) : (
    <ul className="inline-list">
      {items.map((item) => (
        <li key={item} className="tag warn">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** The project portfolio of a prefecture or ABC community: alerts, stages, team gaps, the three values. */
export function PortfolioPage() {
  const { t, label, language } = useI18n();
  const communityLabel = useCommunityLabel();
  const { communities, prefectureName } = useSharedData();
  const { search } = useLocation();
  const scope: Scope = search.get('community')
    ? { community: search.get('community') ?? '' }
    : { prefecture: search.get('prefecture') ?? DEFAULT_PREFECTURE };
  const state = useGet('/api/portfolio/projects', { query: scope });
  const setScope = (next: Scope) => navigate(hrefOf('/projects', { ...next }), { replace: true });
  const data = state.data;
  const n = (v: number | null) => formatNumber(v, language);
  const communityName = (id: string) => {
    const c = communities.communities.find((x) => x.id === id);
    return c
      ? `${communityLabel(c)} — ${c.prefectures.slice(0, 3).map(prefectureName).join('・')}`
      : id;
  };
  const withAlerts = data ? data.projects.filter((p) => (p.alerts ?? 0) > 0).length : 0;
  return (
    <section aria-labelledby="portfolio-heading">
      <h1 id="portfolio-heading">{t('portfolio.title')}</h1>
      <p>{t('portfolio.intro')}</p>
      <ScopeSelector scope={scope} onChange={setScope} allowNation={false} />
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'} className="stack">
          <p className="muted">
            {t('portfolio.scope', {
              name:
                data.scope.kind === 'community'
                  ? communityName(data.scope.id)
                  : nameIn(data.scope, language),
              date: data.asOf,
            })}
          </p>
          {data.communitySource ? (
            <p className="muted" data-testid="portfolio-community-source">
              {data.communitySource.source === 'stored'
                ? t('portfolio.communitySource.stored', {
                    run: data.communitySource.runId ?? '',
                    date: data.communitySource.computedAt.slice(0, 10),
                    resolution: formatNumber(data.communitySource.resolution, language, 3),
                  })
                : t('portfolio.communitySource.computed', {
                    date: data.communitySource.computedAt.slice(0, 10),
                    resolution: formatNumber(data.communitySource.resolution, language, 3),
                  })}
            </p>
          ) : null}
          <dl className="stats">
            <StatCard label={t('portfolio.projects')} value={n(data.projects.length)} />
            <StatCard label={t('portfolio.withAlerts')} value={n(withAlerts)} />
            {VALUES.map((v) => (
              <StatCard
                key={v}
                label={label('value', v)}
                value={n(data.kpis.filter((k) => k.value === v).length)}
                detail={t('portfolio.kpiKinds')}
              />
            ))}
          </dl>
          <div className="grid">
            <div className="panel">
              <BarTable
                caption={t('portfolio.byStage')}
                rows={Object.entries(data.byStage).map(([stage, count]) => ({
                  key: stage,
                  label: label('stage', stage),
                  value: count ?? 0,
                }))}
              />
            </div>
            <div className="panel">
              <BarTable
                caption={t('portfolio.teamGaps')}
                rows={Object.entries(data.teamGaps).map(([role, count]) => ({
                  key: role,
                  label: label('teamRole', role),
                  value: count ?? 0,
                  colour: '#a33b00',
                }))}
              />
              {Object.keys(data.teamGaps).length === 0 ? (
                <p className="muted">{t('portfolio.noTeamGaps')}</p>
              ) : null}
            </div>
          </div>
          <section className="panel section" aria-labelledby="portfolio-projects-heading">
            <h2 id="portfolio-projects-heading">{t('portfolio.projectList')}</h2>
            {data.projects.length === 0 ? (
              <p>{t('portfolio.noProjects')}</p>
            ) : (
              <table data-testid="portfolio-projects">
                <thead>
                  <tr>
                    <th scope="col">{t('field.title')}</th>
                    <th scope="col">{t('field.stage')}</th>
                    <th scope="col">{t('portfolio.alerts')}</th>
                    <th scope="col" className="num">
                      {t('portfolio.maxSlip')}
                    </th>
                    <th scope="col">{t('portfolio.missingRoles')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.projects.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link href={`/projects/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                      </td>
                      <td className="nowrap">{label('stage', p.stage)}</td>
                      <td>
                        <AlertCell project={p} />
                      </td>
                      <td className="num">{t('portfolio.days', { days: n(p.maxSlipDays) })}</td>
                      <td>
                        {p.missingTeamRoles.length === 0 ? (
                          <span className="tag ok">{t('portfolio.teamComplete')}</span>
                        ) : (
                          p.missingTeamRoles.map((r) => (
                            <span key={r} className="tag warn">
                              {label('teamRole', r)}
                            </span>
                          ))
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel section" aria-labelledby="portfolio-values-heading">
            <h2 id="portfolio-values-heading">{t('portfolio.values')}</h2>
            <p className="muted">{t('portfolio.valuesHint')}</p>
            <div className="stack">
              {VALUES.map((v) => (
                <KpiTable key={v} value={v} kpis={data.kpis.filter((k) => k.value === v)} />
              ))}
            </div>
          </section>
          <section className="panel section" aria-labelledby="portfolio-sdgs-heading">
            <h2 id="portfolio-sdgs-heading">{t('portfolio.sdgs')}</h2>
            {data.sdgs.length === 0 ? (
              <p>{t('common.none')}</p>
            ) : (
              <ul className="sdg-list" data-testid="portfolio-sdgs">
                {data.sdgs.map((s) => (
                  <li key={s.sdg}>
                    <span className="sdg-number">{s.sdg}</span> {label('sdg', String(s.sdg))}{' '}
                    <span className="muted">
                      {t('portfolio.sdgProjects', { count: n(s.projects) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <EntityList
        entity="projects"
        caption={t('portfolio.allProjects')}
        columns={[
          {
            field: 'title',
            header: 'field.title',
            render: (r) => (
              <Link href={`/projects/${encodeURIComponent(String(r['id']))}`}>
                {String(r['title'])}
              </Link>
            ),
          },
          {
            field: 'stage',
            header: 'field.stage',
            render: (r) => label('stage', String(r['stage'])),
          },
          { field: 'startDate', header: 'field.startDate' },
          { field: 'endDate', header: 'field.endDate' },
        ]}
      />
    </section>
  );
}
