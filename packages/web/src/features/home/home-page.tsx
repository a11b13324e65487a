import { useGet } from '../../api/use-api.tsx';
import type { WebSummary } from '../../api/types.ts';
import { sectorColour } from '#core/sector-colours.ts';
import { BarTable } from '../../components/bar-table.tsx';
import { Credits } from '../../components/data-notes.tsx';
import { ScopeSelector, type Scope } from '../../components/scope-selector.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link, navigate, useLocation } from '../../router.tsx';
import { GapFillPanel } from './gap-fill-panel.tsx';
import { useCommunityLabel } from '../network/community-name.tsx';

const WHEEL = [
  'university',
  'large_companies',
  'new_companies',
  'national_government',
  'regional_government',
  'local_government',
  'support_groups',
];
const KEY_FLAGS = [
  'star_scientist',
  'regional_core',
  'anchor',
  'university_venture',
  'coordinator',
  'pd_pm',
];
const INDICATOR_ORDER = ['papers', 'joint_research', 'university_ventures', 'funding_jpy'];

function CommunityDetail({ summary }: { summary: WebSummary }) {
  const { t, label, number, percent, language } = useI18n();
  const communityLabel = useCommunityLabel();
  const { prefectureName } = useSharedData();
  const community = summary.community;
  if (!community) return null;
  return (
    <section className="panel" aria-labelledby="community-heading">
      <h2 id="community-heading">{communityLabel(community)}</h2>
      <p>
        {t('home.span', { prefectures: community.prefectures.map(prefectureName).join('・') })}
        {' / '}
        {t('home.crossShare', { share: percent(community.crossPrefectureShare) })}
        {' / '}
        {t('home.scale')}: {label('scaleKind', community.scale)}
      </p>
      <p>
        <Link href={hrefOf('/network', { community: community.id })}>{t('home.openNetwork')}</Link>
        {' ・ '}
        <Link href={hrefOf('/map', { community: community.id })}>{t('home.openMap')}</Link>
        {' ・ '}
        <Link href={hrefOf('/actors', { community: community.id })}>{t('home.openDirectory')}</Link>
        {' ・ '}
        <Link href={hrefOf('/projects', { community: community.id })}>
          {t('home.openPortfolio')}
        </Link>
        {' ・ '}
        <Link href={hrefOf('/reports', { community: community.id })}>{t('home.openReport')}</Link>
      </p>
      <div className="grid">
        <BarTable
          caption={t('home.wheel')}
          hideZero={false}
          rows={WHEEL.map((w) => ({
            key: w,
            label: label('wheel', w),
            value: community.wheelCounts[w] ?? 0,
          }))}
        />
        <div>
          <h3>{t('home.gaps')}</h3>
          {community.gaps.length === 0 ? (
            <p>{t('home.noGaps')}</p>
          ) : (
            <ul className="gaps">
              {community.gaps.map((g) => (
                <li key={`${g.kind}:${g.sectors.join('|')}`}>{language === 'ja' ? g.ja : g.en}</li>
              ))}
            </ul>
          )}
          <h3>{t('home.coreActors')}</h3>
          <ol>
            {community.coreActors.map((a) => (
              <li key={a.id}>
                <Link href={`/actors/${encodeURIComponent(a.id)}`}>{a.name}</Link>{' '}
                <span className="stat-detail">{number(a.score, 2)}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <GapFillPanel
        key={community.id}
        communityId={community.id}
        sectors={WHEEL}
        missingSectors={community.gaps
          .filter((g) => g.kind === 'missing_sector')
          .flatMap((g) => g.sectors)}
      />
    </section>
  );
}

export function HomePage() {
  const { t, label, number } = useI18n();
  const { communities } = useSharedData();
  const { search } = useLocation();
  const scope: Scope = {
    ...(search.get('prefecture') ? { prefecture: search.get('prefecture') ?? '' } : {}),
    ...(search.get('community') ? { community: search.get('community') ?? '' } : {}),
  };
  const state = useGet('/api/web/summary', { query: scope });
  const setScope = (next: Scope) => navigate(hrefOf('/', { ...next }), { replace: true });
  const summary = state.data;
  const source =
    communities.source === 'stored'
      ? t('home.communitiesSource.stored', {
          date: communities.computedAt.slice(0, 10),
          resolution: communities.resolution,
        })
      : t('home.communitiesSource.computed', { resolution: communities.resolution });

  return (
    <section aria-labelledby="home-heading">
      <h1 id="home-heading">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <ScopeSelector scope={scope} onChange={setScope} />
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!summary ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'}>
          <dl className="stats" data-testid="headline">
            <StatCard label={t('home.actors')} value={number(summary.actors.total)} />
            <StatCard
              label={t('home.relations')}
              value={number(summary.relations.internal)}
              detail={t('home.relationsExternal', { count: summary.relations.external })}
            />
            <StatCard
              label={t('home.projects')}
              value={number(summary.projects.active)}
              detail={
                scope.prefecture || scope.community ? (
                  <Link href={hrefOf('/projects', { ...scope })}>
                    {t('home.projectsTotal', { count: summary.projects.total })}
                  </Link>
                ) : (
                  t('home.projectsTotal', { count: summary.projects.total })
                )
              }
            />
            <StatCard
              label={t('home.seeds')}
              value={number(summary.seeds.total)}
              detail={t('home.seedsAvailable', { count: summary.seeds.available })}
            />
            <StatCard
              label={t('home.needs')}
              value={number(summary.needs.public)}
              detail={t('home.needsOpen', { count: summary.needs.open })}
            />
            <StatCard
              label={t('home.adoptions')}
              value={number(summary.adoptions.total)}
              detail={
                summary.adoptions.endUnknown
                  ? `${t('home.adoptionsOngoing', { count: summary.adoptions.ongoing })} · ${t('ui2.endUnknown', { count: summary.adoptions.endUnknown })}`
                  : t('home.adoptionsOngoing', { count: summary.adoptions.ongoing })
              }
            />
            <StatCard
              label={t('home.communities')}
              value={number(summary.communities.length)}
              detail={source}
            />
          </dl>
          <p className="stat-detail">{t('home.consultations')}</p>
          <CommunityDetail summary={summary} />
          <div className="grid">
            <div className="panel">
              <BarTable
                caption={t('home.bySector')}
                rows={Object.entries(summary.actors.bySector).map(([k, v]) => ({
                  key: k,
                  label: label('sector', k),
                  value: v,
                  colour: sectorColour(k),
                }))}
              />
            </div>
            <div className="panel">
              <BarTable
                caption={t('home.byType')}
                rows={Object.entries(summary.relations.byType)
                  .sort((a, b) => b[1] - a[1])
                  .map(([k, v]) => ({ key: k, label: label('relation', k), value: v }))}
              />
            </div>
            <div className="panel">
              <BarTable
                caption={t('home.byStage')}
                rows={Object.entries(summary.projects.byStage).map(([k, v]) => ({
                  key: k,
                  label: label('stage', k),
                  value: v,
                }))}
              />
            </div>
            <div className="panel">
              <h2>
                {summary.indicators.year
                  ? t('home.indicators', { year: String(summary.indicators.year) })
                  : t('home.indicators', { year: '—' })}
              </h2>
              {Object.keys(summary.indicators.values).length === 0 ? (
                <p>{t('home.noIndicators')}</p>
              ) : (
                <dl className="attributes">
                  {Object.entries(summary.indicators.values)
                    .sort((a, b) => INDICATOR_ORDER.indexOf(a[0]) - INDICATOR_ORDER.indexOf(b[0]))
                    .map(([metric, v]) => (
                      <div key={metric} style={{ display: 'contents' }}>
                        <dt>{label('metric', metric)}</dt>
                        <dd className="num">
                          {number(v.value)} {v.unit === 'JPY' ? '' : v.unit}
                        </dd>
                      </div>
                    ))}
                </dl>
              )}
              <h2>{t('home.research')}</h2>
              <dl className="attributes">
                <dt>{t('home.papers')}</dt>
                <dd className="num">{number(summary.research.papers)}</dd>
                <dt>{t('home.citations')}</dt>
                <dd className="num">{number(summary.research.citations)}</dd>
                <dt>{t('home.patents')}</dt>
                <dd className="num">{number(summary.research.patents)}</dd>
              </dl>
            </div>
            <div className="panel">
              <BarTable
                caption={t('home.roles')}
                hideZero={false}
                rows={KEY_FLAGS.map((f) => ({
                  key: f,
                  label: label('flag', f),
                  value: summary.actors.byFlag[f] ?? 0,
                }))}
              />
            </div>
            {summary.scope.type !== 'community' ? (
              <div className="panel">
                <h2>{t('home.communitiesInScope')}</h2>
                {summary.communities.length === 0 ? (
                  <p>{t('common.none')}</p>
                ) : (
                  <ul>
                    {summary.communities.slice(0, 12).map((c) => (
                      <li key={c.id}>
                        <Link href={hrefOf('/', { community: c.id })}>{c.id}</Link>{' '}
                        <span className="stat-detail" style={{ display: 'inline' }}>
                          {t('home.membersHere', { members: c.members, size: c.size })}
                        </span>{' '}
                        <Link
                          href={hrefOf('/network', { community: c.id })}
                          aria-label={`${c.id}: ${t('home.openNetwork')}`}
                        >
                          {t('home.openNetwork')}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : null}
          </div>
          <Credits credits={summary.credits ?? []} />
        </div>
      )}
    </section>
  );
}
