import { useId } from 'react';
import { useApi } from '../../api/use-api.tsx';
import type { WebActorPage } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link, updateQuery, useLocation } from '../../router.tsx';

const PAGE = 50;

export function DirectoryPage() {
  const { t, label, number } = useI18n();
  const { meta, communities, prefectureName } = useSharedData();
  const { search } = useLocation();
  const id = useId();
  const q = search.get('q') ?? '';
  const filters = {
    q,
    sector: search.get('sector') ?? '',
    kind: search.get('kind') ?? '',
    flag: search.get('flag') ?? '',
    prefecture: search.get('prefecture') ?? '',
    community: search.get('community') ?? '',
  };
  const offset = Number(search.get('offset') ?? '0') || 0;
  const state = useApi<WebActorPage>(
    hrefOf('/api/web/actors', { ...filters, offset, limit: PAGE }),
  );
  const set = (key: string, value: string) => updateQuery({ [key]: value, offset: undefined });
  const page = state.data;

  return (
    <section aria-labelledby="directory-heading">
      <h1 id="directory-heading">{t('actors.title')}</h1>
      <SearchForm label={t('actors.query')} value={q} onSearch={(text) => set('q', text)}>
        <label htmlFor={`${id}-sector`}>
          {t('actors.sector')}
          <select
            id={`${id}-sector`}
            value={filters.sector}
            onChange={(e) => set('sector', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {meta.sectors.map((s) => (
              <option key={s} value={s}>
                {label('sector', s)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-kind`}>
          {t('actors.kind')}
          <select
            id={`${id}-kind`}
            value={filters.kind}
            onChange={(e) => set('kind', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            <option value="organization">{label('kind', 'organization')}</option>
            <option value="person">{label('kind', 'person')}</option>
          </select>
        </label>
        <label htmlFor={`${id}-flag`}>
          {t('actors.flag')}
          <select
            id={`${id}-flag`}
            value={filters.flag}
            onChange={(e) => set('flag', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {meta.flags.map((f) => (
              <option key={f} value={f}>
                {label('flag', f)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-prefecture`}>
          {t('actors.prefecture')}
          <select
            id={`${id}-prefecture`}
            value={filters.prefecture}
            onChange={(e) => set('prefecture', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {meta.prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {prefectureName(p.code)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-community`}>
          {t('actors.community')}
          <select
            id={`${id}-community`}
            value={filters.community}
            onChange={(e) => set('community', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {communities.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {t('community.label', { id: c.id, size: c.size })}
              </option>
            ))}
          </select>
        </label>
      </SearchForm>
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!page ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'}>
          <p role="status" aria-live="polite" data-testid="directory-count">
            {page.total === 0
              ? t('actors.noResults')
              : t('common.showing', {
                  from: page.offset + 1,
                  to: Math.min(page.offset + page.items.length, page.total),
                  total: page.total,
                })}
          </p>
          {page.items.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('actors.sector')}</th>
                  <th scope="col">{t('actors.prefecture')}</th>
                  <th scope="col">{t('actors.community')}</th>
                  <th scope="col">{t('actors.flag')}</th>
                  <th scope="col" className="num">
                    {t('actors.degree')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/actors/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                      {a.nameEn ? (
                        <div className="stat-detail" lang="en">
                          {a.nameEn}
                        </div>
                      ) : null}
                    </td>
                    <td>{label('sector', a.sector)}</td>
                    <td>{prefectureName(a.prefectureCode)}</td>
                    <td>
                      {a.community ? (
                        <Link href={hrefOf('/network', { community: a.community })}>
                          {a.community}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {a.flags.map((f) => (
                        <span key={f} className="tag">
                          {label('flag', f)}
                        </span>
                      ))}
                    </td>
                    <td className="num">{number(a.degree)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="pager">
            <button
              type="button"
              className="button secondary"
              disabled={offset === 0}
              onClick={() => updateQuery({ offset: String(Math.max(0, offset - PAGE)) })}
            >
              {t('common.previous')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={offset + PAGE >= page.total}
              onClick={() => updateQuery({ offset: String(offset + PAGE) })}
            >
              {t('common.next')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
