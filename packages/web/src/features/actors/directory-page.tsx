import { scriptLanguage } from '../../components/script-language.ts';
import { useGet } from '../../api/use-api.tsx';
import { StaleMark } from '../../components/data-notes.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { FilterSelect } from '../../components/filter-select.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link, updateQuery, useLocation } from '../../router.tsx';
import { ImportLink } from '../forms/lazy-forms.tsx';
import { useCommunityLabel } from '../network/community-name.tsx';

const PAGE = 50;

export function DirectoryPage() {
  const { t, label, number } = useI18n();
  const communityLabel = useCommunityLabel();
  const { meta, communities, prefectureName } = useSharedData();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const filters = {
    q,
    sector: search.get('sector') ?? '',
    kind: search.get('kind') ?? '',
    flag: search.get('flag') ?? '',
    prefecture: search.get('prefecture') ?? '',
    community: search.get('community') ?? '',
  };
  // Only those to confirm (要確認), as the programme lists: `?stale=true`.
  const staleOnly = search.get('stale') === 'true';
  const offset = Number(search.get('offset') ?? '0') || 0;
  const state = useGet('/api/web/actors', {
    query: { ...filters, ...(staleOnly ? { stale: 'true' as const } : {}), offset, limit: PAGE },
  });
  const set = (key: string, value: string) => updateQuery({ [key]: value, offset: undefined });
  const page = state.data;

  return (
    <section aria-labelledby="directory-heading">
      <h1 id="directory-heading">{t('actors.title')}</h1>
      <ImportLink />
      <SearchForm label={t('actors.query')} value={q} onSearch={(text) => set('q', text)}>
        <FilterSelect
          label={t('actors.sector')}
          value={filters.sector}
          options={meta.sectors.map((v) => ({ value: v, label: label('sector', v) }))}
          onChange={(v) => set('sector', v)}
        />
        <FilterSelect
          label={t('actors.kind')}
          value={filters.kind}
          options={['organization', 'person'].map((v) => ({ value: v, label: label('kind', v) }))}
          onChange={(v) => set('kind', v)}
        />
        <FilterSelect
          label={t('actors.flag')}
          value={filters.flag}
          options={meta.flags.map((v) => ({ value: v, label: label('flag', v) }))}
          onChange={(v) => set('flag', v)}
        />
        <FilterSelect
          label={t('actors.prefecture')}
          value={filters.prefecture}
          options={meta.prefectures.map((p) => ({ value: p.code, label: prefectureName(p.code) }))}
          onChange={(v) => set('prefecture', v)}
        />
        <FilterSelect
          label={t('actors.community')}
          value={filters.community}
          options={communities.communities.map((c) => ({
            value: c.id,
            label: communityLabel(c),
          }))}
          onChange={(v) => set('community', v)}
        />
      </SearchForm>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={staleOnly}
          data-testid="directory-stale-only"
          onChange={(event) => set('stale', event.target.checked ? 'true' : '')}
        />{' '}
        {t('ui2.staleOnly')}
      </label>
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
                      <StaleMark record={a} />{' '}
                      <Link
                        href={`/actors/${encodeURIComponent(a.id)}`}
                        lang={scriptLanguage(a.name)}
                      >
                        {a.name}
                      </Link>
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
