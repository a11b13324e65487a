/**
 * Role detection with its basis (スター・サイエンティスト, 地域中核企業, アンカー企業): each claim with
 * its status — qualifies, does not, or not decidable on the data — the evidence per criterion and
 * what it was compared with, so an analyst can check it before signing.
 */
import type { RoleCandidateAnswer } from '#contract/routes/roles.ts';
import { useGet } from '../../api/use-api.tsx';
import { GeneratedDataNote } from '../../components/data-notes.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';

const ROLES = [
  ['starScientists', 'role.star_scientist'],
  ['coreCompanies', 'role.core_company'],
  ['anchorCompanies', 'role.anchor_company'],
] as const;

function RoleTable({ candidates }: { candidates: readonly RoleCandidateAnswer[] }) {
  const { t, label, number, language } = useI18n();
  const population = (p: string) =>
    p === 'all fields'
      ? t('roles.allFields')
      : p === 'companies in the registry'
        ? t('roles.registryCompanies')
        : p;
  if (candidates.length === 0) return <p>{t('roles.none')}</p>;
  return (
    <div className="panel">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('roles.name')}</th>
            <th scope="col">{t('roles.status')}</th>
            <th scope="col" className="num">
              {t('roles.score')}
            </th>
            <th scope="col">{t('roles.basis')}</th>
            <th scope="col">{t('roles.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.id} data-status={c.status}>
              <th scope="row">
                <Link href={`/actors/${encodeURIComponent(c.id)}`}>
                  <span lang="ja">{c.name}</span>
                </Link>
              </th>
              <td>
                <span className={c.status === 'qualifies' ? 'tag ok' : 'tag'}>
                  {label('roles.statusName', c.status)}
                </span>
              </td>
              <td className="num">{number(c.score, 2)}</td>
              <td>
                <span
                  lang={population(c.basis.population) === c.basis.population ? 'ja' : language}
                >
                  {population(c.basis.population)}
                </span>{' '}
                (n = {number(c.basis.n)})
                {c.basis.normalisedByCareerAge ? ` · ${t('roles.perCareerYear')}` : ''}
                {c.basis.insufficient.length > 0 ? (
                  <span className="stat-detail">
                    {language === 'en'
                      ? c.basis.insufficient.join('; ')
                      : t('roles.insufficientCount', { count: c.basis.insufficient.length })}
                  </span>
                ) : null}
              </td>
              <td>
                {c.evidence
                  .map(
                    (e) =>
                      `${label('roles.criterion', e.criterion)} ${typeof e.value === 'number' ? number(e.value, 2) : e.value}`,
                  )
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RolesPage() {
  const { t } = useI18n();
  const state = useGet('/api/analyses/roles', { query: {} });
  const data = state.data;
  return (
    <section aria-labelledby="roles-heading">
      <h1 id="roles-heading">{t('roles.title')}</h1>
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div className="stack" aria-busy={state.status === 'loading'}>
          <p>
            {t('roles.intro', {
              papers: data.minimumEvidence.starPapers,
              citations: data.minimumEvidence.starCitations,
              baseline: data.minimumEvidence.starBaseline,
              criteria: data.minimumEvidence.coreRecordedCriteria,
              ties: data.minimumEvidence.anchorTies,
            })}
          </p>
          <GeneratedDataNote
            answer={data}
            detail={t('reportRoles.rolesPlanted')}
            testId="roles-generated"
          />
          {ROLES.map(([key, heading]) => (
            <section key={key} aria-labelledby={`roles-${key}`} data-testid={`roles-${key}`}>
              <h2 id={`roles-${key}`}>{t(heading)}</h2>
              <RoleTable candidates={data[key]} />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
