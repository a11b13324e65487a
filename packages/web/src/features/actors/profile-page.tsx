import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { isMessageKey, useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link } from '../../router.tsx';
import { ProfileConfirmationPanel } from '../workflow/profile-confirmation.tsx';
import { RelationEditLink, WriteActions } from '../forms/lazy-forms.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { StaleMark } from '../../components/data-notes.tsx';
import { useCommunityLabel } from '../network/community-name.tsx';

const ATTRIBUTES = [
  'id',
  'nameEn',
  'nameKana',
  'kind',
  'sector',
  'prefectureCode',
  'municipalityCode',
  'corporateNumber',
  'ror',
  'orcid',
  'researchmapId',
  'kakenId',
  'url',
  'field',
  'keywords',
  'employees',
  'revenue',
  'foundedYear',
  'papers',
  'citations',
  'patents',
  'inRegionProcurementShare',
  'outOfRegionSalesShare',
  'growthRate',
  'confirmedAt',
  'source',
];

function AttributeValue({ field, value }: { field: string; value: unknown }) {
  const { label, number, percent } = useI18n();
  const { prefectureName } = useSharedData();
  if (field === 'sector' && typeof value === 'string') return <>{label('sector', value)}</>;
  if (field === 'kind' && typeof value === 'string') return <>{label('kind', value)}</>;
  if (field === 'prefectureCode' && typeof value === 'string') return <>{prefectureName(value)}</>;
  if (field === 'url' && typeof value === 'string' && /^https?:\/\//.test(value))
    return (
      <a href={value} rel="noopener noreferrer external">
        {value}
      </a>
    );
  if (field === 'ror' && typeof value === 'string')
    return (
      <a href={`https://ror.org/${value}`} rel="noopener noreferrer external">
        {value}
      </a>
    );
  if (field.endsWith('Share') || field === 'growthRate')
    return <>{typeof value === 'number' ? percent(value) : String(value)}</>;
  if (typeof value === 'number') return <>{field === 'foundedYear' ? value : number(value)}</>;
  if (Array.isArray(value)) return <>{value.join('、')}</>;
  return <>{String(value)}</>;
}

export function ProfilePage({ id }: { id: string }) {
  const { t, label, number } = useI18n();
  const communityLabel = useCommunityLabel();
  const signedIn = Boolean(useAuth().account);
  const state = useGet('/api/web/actors/{id}', { params: { id } });
  if (state.status === 'error') return <ErrorMessage message={state.error} />;
  if (state.status !== 'ready') return <Loading />;
  const p = state.data;
  const name = typeof p.actor['name'] === 'string' ? p.actor['name'] : id;
  const flags = Array.isArray(p.actor['flags']) ? p.actor['flags'].map(String) : [];
  return (
    <article aria-labelledby="profile-heading">
      <h1 id="profile-heading">{name}</h1>
      <StaleMark record={p.actor} />
      <ProfileConfirmationPanel actorId={id} />
      <WriteActions
        entity="actors"
        record={p.actor}
        editHref={`/actors/${encodeURIComponent(id)}/edit`}
      />
      <p>
        {flags.map((f) => (
          <span key={f} className="tag">
            {label('flag', f)}
          </span>
        ))}
        {p.actor['sector'] === 'company' ? (
          <Link href={hrefOf('/support', { actor: id })}>{t('profile.findSupport')}</Link>
        ) : null}
      </p>
      <div className="grid">
        <section className="panel" aria-labelledby="attr-heading">
          <h2 id="attr-heading">{t('profile.attributes')}</h2>
          <dl className="attributes">
            {ATTRIBUTES.filter((f) => {
              const v = p.actor[f];
              return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
            }).map((f) => {
              const key = `field.${f}`;
              return (
                <div key={f} style={{ display: 'contents' }}>
                  <dt>{isMessageKey(key) ? t(key) : f}</dt>
                  <dd>
                    <AttributeValue field={f} value={p.actor[f]} />
                  </dd>
                </div>
              );
            })}
            <dt>{t('profile.community')}</dt>
            <dd>
              {p.community ? (
                <>
                  <Link href={hrefOf('/', { community: p.community.id })}>
                    {communityLabel(p.community)}
                  </Link>{' '}
                  (
                  <Link href={hrefOf('/network', { community: p.community.id })}>
                    {t('home.openNetwork')}
                  </Link>
                  )
                </>
              ) : (
                t('community.unassigned')
              )}
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t('profile.roles')}</h2>
          {p.roles.length === 0 ? (
            <p>{t('profile.noRoles')}</p>
          ) : (
            p.roles.map((r) => (
              <div key={r.role}>
                <h3>
                  {label('role', r.role)}{' '}
                  <span className={r.qualifies ? 'tag ok' : 'tag'}>
                    {r.qualifies ? t('profile.qualifies') : t('profile.candidate')}
                  </span>{' '}
                  <span className="stat-detail" style={{ display: 'inline' }}>
                    {t('profile.score', { score: number(r.score, 2) })}
                  </span>
                </h3>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('profile.criterion')}</th>
                      <th scope="col">{t('profile.value')}</th>
                      <th scope="col" className="num">
                        {t('profile.score', { score: '' })}
                      </th>
                      <th scope="col">{t('profile.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.evidence.map((e) => (
                      <tr key={e.criterion}>
                        <td>{label('roles.criterion', e.criterion)}</td>
                        <td>{typeof e.value === 'number' ? number(e.value, 3) : e.value}</td>
                        <td className="num">{number(e.score, 2)}</td>
                        <td>{e.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="relations-heading" style={{ marginTop: '1rem' }}>
        <h2 id="relations-heading">{t('profile.relations', { total: p.relations.total })}</h2>
        <WriteActions
          entity="relations"
          newHref={`/actors/${encodeURIComponent(id)}/relations/new`}
          newRecord={{ sourceId: id }}
        />
        {p.relations.items.length < p.relations.total ? (
          <p className="stat-detail">
            {t('profile.relationsShown', { shown: p.relations.items.length })}
          </p>
        ) : null}
        {p.relations.items.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('profile.counterpart')}</th>
                <th scope="col">{t('profile.type')}</th>
                <th scope="col">{t('profile.direction')}</th>
                <th scope="col">{t('profile.period')}</th>
                {signedIn ? <th scope="col">{t('formsMore.relation.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.relations.items.map((r, i) => (
                <tr key={`${r.otherId}:${r.type}:${r.startDate ?? ''}:${i}`}>
                  <td>
                    <Link href={`/actors/${encodeURIComponent(r.otherId)}`}>{r.otherName}</Link>{' '}
                    <span className="tag">{label('sector', r.otherSector)}</span>
                  </td>
                  <td>{label('relation', r.type)}</td>
                  <td>{r.direction === 'out' ? t('profile.out') : t('profile.in')}</td>
                  <td>
                    {r.startDate ?? '…'} – {r.endDate ?? ''}
                  </td>
                  {signedIn ? (
                    <td>
                      <RelationEditLink actorId={id} row={r} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid" style={{ marginTop: '1rem' }}>
        <section className="panel" aria-labelledby="seeds-heading">
          <h2 id="seeds-heading">{t('profile.seeds')}</h2>
          {p.seeds.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {p.seeds.map((s) => (
                <li key={s.id}>
                  <Link href={`/seeds/${encodeURIComponent(s.id)}`}>{s.title}</Link>{' '}
                  <span className="tag">{label('seedKind', s.kind)}</span>
                  {s.trl ? <span className="tag">TRL {s.trl}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="needs-heading">
          <h2 id="needs-heading">{t('profile.needs')}</h2>
          {p.needs.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {p.needs.map((s) => (
                <li key={s.id}>
                  <Link href={`/needs/${encodeURIComponent(s.id)}`}>{s.title}</Link>{' '}
                  <span className="tag">{s.open ? t('profile.open') : t('profile.closed')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="projects-heading">
          <h2 id="projects-heading">{t('profile.projects')}</h2>
          {p.projects.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {p.projects.map((s) => (
                <li key={s.id}>
                  <Link href={`/projects/${encodeURIComponent(s.id)}`}>{s.title}</Link>{' '}
                  <span className="tag">{label('stage', s.stage)}</span>
                  <span className="tag">{label('projectRole', s.role)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="programmes-heading">
          <h2 id="programmes-heading">{t('profile.programmes')}</h2>
          {p.adoptions.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {p.adoptions.map((a) => (
                <li key={a.id}>
                  {a.programmeName}: {a.regionName} (FY{a.startFy}–{a.endFy ?? t('ui2.unknown')}){' '}
                  <span className="tag">
                    {a.via === 'core_institution' ? t('profile.viaCore') : t('profile.viaProject')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
