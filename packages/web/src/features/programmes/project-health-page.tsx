import { useEffect, useState } from 'react';
import { TEAM_ROLES } from '#core/vocabulary.ts';
import { api } from '../../api/api-client.ts';
import type { WebProject, WebProjectHealth } from '../../api/programme-types.ts';
import { useGet } from '../../api/use-api.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { alertMessage } from './health-alerts.ts';
import { formatNumber, formatShare, formatYen } from './stat-format.ts';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** Names of the member actors, read one by one (a team has a handful). */
function useActorNames(ids: readonly string[]): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const key = ids.join('|');
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      ids.map((id) =>
        api.get('/api/actors/{id}', { params: { id } }, controller.signal).then(
          (a): [string, string] => [id, a.name],
          (): [string, string] => [id, id],
        ),
      ),
    ).then(
      (pairs) => {
        if (!controller.signal.aborted) setNames(new Map(pairs));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [key]);
  return names;
}

/** Latest likelihood and impact of each risk, from the raw register. */
function latestAssessments(project: WebProject | undefined) {
  const latest = new Map<string, { likelihood: number; impact: number; date: string }>();
  for (const r of project?.risks ?? []) {
    const seen = latest.get(r.riskId);
    if (!seen || r.date >= seen.date)
      latest.set(r.riskId, { likelihood: r.likelihood, impact: r.impact, date: r.date });
  }
  return latest;
}

/** Likelihood × impact of each assessment of one risk, oldest first. */
function scoreHistory(project: WebProject | undefined, riskId: string) {
  return (project?.risks ?? [])
    .filter((r) => r.riskId === riskId)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => ({ date: r.date, score: r.likelihood * r.impact }));
}

/** A small line of a risk's score (1..25) over its assessments. */
function RiskSparkline({
  history,
  label,
}: {
  history: { date: string; score: number }[];
  label: string;
}) {
  if (history.length < 2) return null;
  const w = 80;
  const h = 22;
  // the risk's own range (at least 4 points), so a rise of a few points shows
  const lo = Math.min(...history.map((p) => p.score));
  const hi = Math.max(lo + 4, ...history.map((p) => p.score));
  const points = history
    .map(
      (p, i) =>
        `${(i / (history.length - 1)) * (w - 4) + 2},${h - 2 - ((p.score - lo) / (hi - lo)) * (h - 4)}`,
    )
    .join(' ');
  return (
    <svg
      className="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <polyline points={points} fill="none" />
    </svg>
  );
}

function scoreClass(score: number): string {
  return score >= 15 ? 'risk-high' : score >= 8 ? 'risk-medium' : 'risk-low';
}

function RiskSection({ health, project }: { health: WebProjectHealth; project?: WebProject }) {
  const { t, language } = useI18n();
  const latest = latestAssessments(project);
  const numbered = health.risks.map((r, i) => ({ ...r, no: i + 1, at: latest.get(r.riskId) }));
  return (
    <section className="panel section" aria-labelledby="risks-heading">
      <h2 id="risks-heading">{t('health.risks')}</h2>
      {numbered.length === 0 ? (
        <p>{t('health.noRisks')}</p>
      ) : (
        <div className="risk-layout">
          <table className="risk-matrix" data-testid="risk-matrix">
            <caption>{t('health.matrix')}</caption>
            <thead>
              <tr>
                <td />
                {LEVELS.map((l) => (
                  <th key={l} scope="col">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...LEVELS].reverse().map((impact) => (
                <tr key={impact}>
                  <th scope="row">{impact}</th>
                  {LEVELS.map((likelihood) => {
                    const here = numbered.filter(
                      (r) => r.at?.impact === impact && r.at.likelihood === likelihood,
                    );
                    return (
                      <td key={likelihood} className={scoreClass(impact * likelihood)}>
                        {here.map((r) => (
                          <span key={r.riskId} className="risk-dot" title={r.title}>
                            {r.no}
                          </span>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <td colSpan={5} className="muted">
                  {t('health.matrixAxes')}
                </td>
              </tr>
            </tfoot>
          </table>
          <table data-testid="risk-register">
            <caption>{t('health.register')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('health.risk')}</th>
                <th scope="col" className="num">
                  {t('health.likelihoodImpact')}
                </th>
                <th scope="col" className="num">
                  {t('health.score')}
                </th>
                <th scope="col">{t('health.trend')}</th>
                <th scope="col">{t('health.owner')}</th>
                <th scope="col">{t('health.mitigation')}</th>
              </tr>
            </thead>
            <tbody>
              {numbered.map((r) => (
                <tr key={r.riskId}>
                  <td>{r.no}</td>
                  <th scope="row">{r.title}</th>
                  <td className="num">{r.at ? `${r.at.likelihood} × ${r.at.impact}` : '—'}</td>
                  <td className="num">{formatNumber(r.latestScore, language)}</td>
                  <td>
                    <RiskSparkline
                      history={scoreHistory(project, r.riskId)}
                      label={t('health.history', {
                        scores: scoreHistory(project, r.riskId)
                          .map((h) => `${h.date}: ${h.score}`)
                          .join(', '),
                      })}
                    />
                    {r.rising ? (
                      <span className="tag warn">
                        {t('health.rising', {
                          from: formatNumber(r.previousScore, language),
                          to: formatNumber(r.latestScore, language),
                        })}
                      </span>
                    ) : r.previousScore === null ? (
                      t('health.oneAssessment')
                    ) : (
                      t('health.notRising', { from: formatNumber(r.previousScore, language) })
                    )}
                  </td>
                  <td>{r.owner ?? '—'}</td>
                  <td>{r.mitigation ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MilestoneTimeline({ health }: { health: WebProjectHealth }) {
  const { t } = useI18n();
  const ms = health.progress.milestones;
  const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const all = ms.flatMap((m) => [m.plannedDate, ...(m.actualDate ? [m.actualDate] : [])]);
  if (all.length === 0) return null;
  const today = health.asOf;
  const lo = Math.min(...all.map(days));
  const hi = Math.max(...all.map(days), Math.min(days(today), Math.max(...all.map(days)) + 365));
  const width = 640;
  const left = 150;
  const row = 24;
  const x = (d: string) =>
    left + ((Math.min(days(d), hi) - lo) / Math.max(1, hi - lo)) * (width - left - 20);
  const height = ms.length * row + 30;
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('health.timeline')}
      data-testid="milestone-timeline"
    >
      <title>{t('health.timeline')}</title>
      {ms.map((m, i) => {
        const y = 14 + i * row;
        const end = m.actualDate ?? (m.status === 'overdue' ? today : null);
        return (
          <g key={m.id}>
            <text x={left - 8} y={y + 4} textAnchor="end" className="label">
              {m.title}
            </text>
            {end ? (
              <line
                x1={x(m.plannedDate)}
                x2={x(end)}
                y1={y}
                y2={y}
                className={m.actualDate ? 'slip' : 'slip open'}
              />
            ) : null}
            <circle cx={x(m.plannedDate)} cy={y} r={5} className="planned" />
            {m.actualDate ? (
              <rect x={x(m.actualDate) - 5} y={y - 5} width={10} height={10} className="actual" />
            ) : null}
          </g>
        );
      })}
      <text x={left} y={height - 6} className="tick">
        {new Date(lo * 86_400_000).toISOString().slice(0, 10)}
      </text>
      <text x={width - 20} y={height - 6} textAnchor="end" className="tick">
        {new Date(hi * 86_400_000).toISOString().slice(0, 10)}
      </text>
    </svg>
  );
}

/** One project's health as hands-on support (伴走支援) sees it. */
export function ProjectHealthPage({ id }: { id: string }) {
  const { t, label, language } = useI18n();
  const { prefectureName } = useSharedData();
  const state = useGet('/api/portfolio/projects/{id}/health', { params: { id } });
  const raw = useGet('/api/projects/{id}', { params: { id } });
  const project = raw.data;
  const memberIds = (project?.members ?? []).map((m) => m.actorId);
  const names = useActorNames(memberIds);
  const health = state.data;
  if (state.status === 'error') return <ErrorMessage message={state.error} />;
  if (!health) return <Loading />;
  const n = (v: number | null, digits = 0) => formatNumber(v, language, digits);
  const name = (actorId: string) => names.get(actorId) ?? actorId;
  const pdca = health.pdca;
  return (
    <section aria-labelledby="health-heading" className="stack">
      <p>
        <Link
          href={
            health.prefectureCode ? `/projects?prefecture=${health.prefectureCode}` : '/projects'
          }
        >
          {t('health.back')}
        </Link>
      </p>
      <h1 id="health-heading">{health.title}</h1>
      <WriteActions
        entity="projects"
        record={{ id }}
        editHref={`/projects/${encodeURIComponent(id)}/edit`}
      />
      <WriteActions entity="funding" newHref={`/funding/new?projectId=${encodeURIComponent(id)}`} />
      <p className="muted">
        {t('health.meta', {
          stage: label('stage', health.stage),
          prefecture: health.prefectureCode ? prefectureName(health.prefectureCode) : '—',
          date: health.asOf,
        })}
      </p>
      <section className="panel section" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">{t('health.alerts')}</h2>
        {health.alertDetails.length === 0 ? (
          <p>{t('health.noAlerts')}</p>
        ) : (
          <ul className="alerts" data-testid="health-alerts">
            {health.alertDetails.map((a, i) => {
              const message = alertMessage(a, (r) => label('teamRole', r));
              return (
                <li key={`${a.code}-${i}`} data-code={a.code}>
                  {t(message.key, message.values)}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <dl className="stats">
        <StatCard
          label={t('health.milestonesDone')}
          value={`${n(health.progress.done)} / ${n(health.progress.milestones.length)}`}
          detail={t('health.overdueCount', { count: n(health.progress.overdue) })}
        />
        <StatCard
          label={t('health.meanSlip')}
          value={
            health.progress.meanSlipDays === null
              ? t('health.noneReached')
              : t('portfolio.days', { days: n(health.progress.meanSlipDays) })
          }
          detail={t('health.maxSlip', { days: n(health.progress.maxSlipDays) })}
        />
        <StatCard
          label={t('health.budget')}
          value={health.budget ? formatShare(health.budget.spentShare, language) : '—'}
          detail={
            health.budget
              ? t('health.budgetDetail', {
                  spent: formatYen(health.budget.spent, language),
                  budget: formatYen(health.budget.budget, language),
                  elapsed: formatShare(health.budget.elapsedShare, language),
                  status: label('burn', health.budget.status),
                })
              : t('health.noBudget', { reason: health.budgetNote ?? '' })
          }
        />
        <StatCard
          label={t('health.pdcaCycles')}
          value={n(pdca.completedCycles)}
          detail={
            pdca.daysSinceLastCheck === null
              ? t('health.noCheck')
              : t('health.lastCheck', { days: n(pdca.daysSinceLastCheck) })
          }
        />
      </dl>
      <section className="panel section" aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">{t('health.milestones')}</h2>
        {health.progress.milestones.length === 0 ? (
          <p>{t('health.noMilestones')}</p>
        ) : (
          <>
            <MilestoneTimeline health={health} />
            <p className="muted">{t('health.timelineLegend')}</p>
            <table data-testid="milestones">
              <thead>
                <tr>
                  <th scope="col">{t('health.milestone')}</th>
                  <th scope="col">{t('health.planned')}</th>
                  <th scope="col">{t('health.actualDate')}</th>
                  <th scope="col" className="num">
                    {t('health.slip')}
                  </th>
                  <th scope="col">{t('health.status')}</th>
                </tr>
              </thead>
              <tbody>
                {health.progress.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.title}</th>
                    <td>{m.plannedDate}</td>
                    <td>{m.actualDate ?? '—'}</td>
                    <td className="num">{t('portfolio.days', { days: n(m.slipDays) })}</td>
                    <td>
                      <span
                        className={
                          m.status === 'overdue' || m.status === 'done_late' ? 'tag warn' : 'tag'
                        }
                      >
                        {label('milestoneStatus', m.status)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <RiskSection health={health} project={project} />
      <div className="grid">
        <section className="panel section" aria-labelledby="pdca-heading">
          <h2 id="pdca-heading">{t('health.pdca')}</h2>
          <dl className="attributes">
            {(['plan', 'do', 'check', 'act'] as const).map((phase) => (
              <div key={phase} className="contents">
                <dt>{label('pdca', phase)}</dt>
                <dd>{n(pdca.counts[phase])}</dd>
              </div>
            ))}
          </dl>
          {(project?.pdca ?? []).length > 0 ? (
            <ol className="history" data-testid="pdca-log">
              {[...(project?.pdca ?? [])]
                .sort((a, b) => a.date.localeCompare(b.date))
                .map((e, i) => (
                  <li key={`${e.date}-${i}`}>
                    <span className="tag">{label('pdca', e.phase)}</span> {e.date} — {e.note}
                  </li>
                ))}
            </ol>
          ) : (
            <p>{t('health.noPdca')}</p>
          )}
        </section>
        <section className="panel section" aria-labelledby="team-heading">
          <h2 id="team-heading">{t('health.team')}</h2>
          <p>
            {health.team.complete ? (
              <span className="tag ok">{t('health.teamComplete')}</span>
            ) : (
              <span className="tag warn">
                {t('health.alert.teamLacks', {
                  roles: health.team.missing.map((r) => label('teamRole', r)).join('・'),
                })}
              </span>
            )}
          </p>
          <table data-testid="team">
            <tbody>
              {TEAM_ROLES.map((role) => (
                <tr key={role}>
                  <th scope="row">{label('teamRole', role)}</th>
                  <td>
                    {health.team.coveredBy[role].length === 0 ? (
                      <span className="muted">{t('health.missing')}</span>
                    ) : (
                      health.team.coveredBy[role].map((actorId) => (
                        <span key={actorId} className="member">
                          <Link href={`/actors/${encodeURIComponent(actorId)}`}>
                            {name(actorId)}
                          </Link>
                        </span>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {project ? (
            <>
              <h3>{t('health.members')}</h3>
              <ul>
                {project.members.map((m) => (
                  <li key={`${m.actorId}-${m.role}`}>
                    <Link href={`/actors/${encodeURIComponent(m.actorId)}`}>{name(m.actorId)}</Link>{' '}
                    <span className="muted">{label('projectRole', m.role)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      <section className="panel section" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{t('health.kpis')}</h2>
        {health.kpis.length === 0 ? (
          <p>{t('health.noKpis')}</p>
        ) : (
          <table data-testid="project-kpis">
            <thead>
              <tr>
                <th scope="col">{t('portfolio.kpi')}</th>
                <th scope="col">{t('health.value')}</th>
                <th scope="col" className="num">
                  {t('health.baseline')}
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
              {health.kpis.map((k) => (
                <tr key={`${k.value}|${k.name}|${k.unit}`}>
                  <th scope="row">{k.name}</th>
                  <td>{label('value', k.value)}</td>
                  <td className="num">
                    {k.baseline === undefined ? '—' : `${n(k.baseline, 1)} ${k.unit}`}
                  </td>
                  <td className="num">
                    {n(k.target, 1)} {k.unit}
                  </td>
                  <td className="num">
                    {k.actual === undefined ? '—' : `${n(k.actual, 1)} ${k.unit}`}
                  </td>
                  <td className="num">
                    {k.actual === undefined || k.actual === null || !k.target
                      ? '—'
                      : formatShare(k.actual / k.target, language)}
                  </td>
                  <td>
                    {k.sdgs.map((g) => (
                      <span key={g} className="tag" title={label('sdg', String(g))}>
                        {g}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
