import type { WebCaseFactors } from '../../api/programme-types.ts';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { FilterSelect } from '../../components/filter-select.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, updateQuery, useLocation } from '../../router.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import {
  formatNumber,
  formatPValue,
  formatShare,
  formatSignificant,
} from '../programmes/stat-format.ts';

const OUTCOMES = ['success', 'failure', 'mixed'] as const;
const LIMIT = 100;

function FactorTable({ data }: { data: WebCaseFactors }) {
  const { t, label, language } = useI18n();
  const sig = (v: number | null) => formatSignificant(v, language);
  // the conditional odds ratio and its upper limit are unbounded (sent as null) at the support's edge
  const unbounded = (v: number | null) => (v === null ? '∞' : sig(v));
  if (data.note !== null || data.factors.length === 0)
    return (
      <p className="notice" role="note" data-testid="factors-unavailable">
        {t('cases.noComparison', {
          successes: formatNumber(data.successes, language),
          failures: formatNumber(data.failures, language),
        })}
      </p>
    );
  return (
    <>
      <table data-testid="case-factors">
        <caption>
          {t('cases.factorCaption', {
            successes: formatNumber(data.successes, language),
            failures: formatNumber(data.failures, language),
            mixed: formatNumber(data.mixedExcluded, language),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('field.factors')}</th>
            <th scope="col" className="num">
              {t('cases.inSuccesses')}
            </th>
            <th scope="col" className="num">
              {t('cases.inFailures')}
            </th>
            <th scope="col" className="num">
              {t('cases.exactOddsRatio')}
            </th>
            <th scope="col" className="num">
              {t('cases.fisherP')}
            </th>
            <th scope="col">{t('cases.leans')}</th>
          </tr>
        </thead>
        <tbody>
          {data.factors.map((f) => (
            <tr key={f.factor}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateQuery({ factor: f.factor })}
                >
                  {f.factor}
                </button>
              </th>
              <td className="num">
                {formatNumber(f.successesWith, language)}{' '}
                <span className="stat-detail">{formatShare(f.shareInSuccesses, language)}</span>
              </td>
              <td className="num">
                {formatNumber(f.failuresWith, language)}{' '}
                <span className="stat-detail">{formatShare(f.shareInFailures, language)}</span>
              </td>
              <td className="num" data-testid="exact-odds-ratio">
                {unbounded(f.conditionalOddsRatio)}
                <span className="stat-detail">
                  {sig(f.exactCiLow)} – {unbounded(f.exactCiHigh)}
                </span>
              </td>
              <td className="num">{formatPValue(f.fisherP)}</td>
              <td>
                <span
                  className={
                    f.leansTowards === 'success'
                      ? 'tag ok'
                      : f.leansTowards === 'failure'
                        ? 'tag warn'
                        : 'tag'
                  }
                >
                  {label('leans', f.leansTowards)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="factor-rule">
        {t('cases.directionRule', {
          alpha: formatNumber(data.alpha, language, 2),
          confidence: formatShare(data.alpha === null ? null : 1 - data.alpha, language),
        })}
      </p>
    </>
  );
}

/** Success and failure cases (事例) with their factors, and which factors go with success. */
export function CaseLibraryPage() {
  const { t, label, language } = useI18n();
  const { meta, prefectureName } = useSharedData();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const filters = {
    q,
    outcome: search.get('outcome') ?? '',
    prefecture: search.get('prefecture') ?? '',
    factor: search.get('factor') ?? '',
  };
  const cases = useGet('/api/case-library/cases', { query: { ...filters, limit: LIMIT } });
  // the comparison needs both outcomes: every filter but the outcome
  const factors = useGet('/api/case-library/factors', {
    query: { q: filters.q, prefecture: filters.prefecture, factor: filters.factor },
  });
  // every factor name, for the filter: from the unfiltered comparison
  const allFactors = useGet('/api/case-library/factors');
  const factorNames = [...new Set((allFactors.data?.factors ?? []).map((f) => f.factor))].sort(
    (a, b) => a.localeCompare(b, 'ja'),
  );
  const result = cases.data;
  return (
    <section aria-labelledby="cases-heading">
      <h1 id="cases-heading">{t('cases.title')}</h1>
      <WriteActions entity="cases" newHref="/cases/new" />
      <p>{t('cases.intro')}</p>
      <SearchForm
        label={t('lists.searchLabel')}
        value={q}
        onSearch={(text) => updateQuery({ q: text })}
      >
        <FilterSelect
          label={t('field.outcome')}
          value={filters.outcome}
          options={OUTCOMES.map((o) => ({ value: o, label: label('outcome', o) }))}
          onChange={(v) => updateQuery({ outcome: v })}
        />
        <FilterSelect
          label={t('actors.prefecture')}
          value={filters.prefecture}
          options={meta.prefectures.map((p) => ({
            value: p.code,
            label: `${p.code} ${prefectureName(p.code)}`,
          }))}
          onChange={(v) => updateQuery({ prefecture: v })}
        />
        <FilterSelect
          label={t('field.factors')}
          value={filters.factor}
          options={factorNames.map((f) => ({ value: f, label: f }))}
          onChange={(v) => updateQuery({ factor: v })}
        />
        {Object.values(filters).some((v) => v !== '') ? (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              updateQuery({
                q: undefined,
                outcome: undefined,
                prefecture: undefined,
                factor: undefined,
              })
            }
          >
            {t('cases.clear')}
          </button>
        ) : null}
      </SearchForm>
      <div className="case-layout">
        <section className="panel section" aria-labelledby="case-list-heading">
          <h2 id="case-list-heading">{t('cases.list')}</h2>
          {cases.status === 'error' ? <ErrorMessage message={cases.error} /> : null}
          {!result ? (
            <Loading />
          ) : (
            <div aria-busy={cases.status === 'loading'}>
              <p data-testid="case-count" data-total={result.total}>
                {result.total > result.cases.length
                  ? t('cases.countShown', {
                      total: formatNumber(result.total, language),
                      shown: formatNumber(result.cases.length, language),
                    })
                  : t('common.results', { count: result.total })}
              </p>
              {result.cases.length === 0 ? <p>{t('lists.empty')}</p> : null}
              <ul className="case-list">
                {result.cases.map((c) => (
                  <li key={c.id} className="case" data-outcome={c.outcome}>
                    <h3>
                      <span
                        className={
                          c.outcome === 'success'
                            ? 'tag ok'
                            : c.outcome === 'failure'
                              ? 'tag warn'
                              : 'tag'
                        }
                      >
                        {label('outcome', c.outcome)}
                      </span>{' '}
                      <Link href={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                    </h3>
                    <p className="muted">
                      {[
                        c.year !== undefined ? String(c.year) : null,
                        c.prefectureCodes.map(prefectureName).join('・') || null,
                      ]
                        .filter((x) => x !== null)
                        .join(' · ')}
                    </p>
                    {c.summary ? <p>{c.summary}</p> : null}
                    <ul className="inline-list" aria-label={t('field.factors')}>
                      {c.factors.map((f) => (
                        <li key={f}>
                          <button
                            type="button"
                            className="tag tag-button"
                            aria-pressed={filters.factor === f}
                            onClick={() => updateQuery({ factor: f })}
                          >
                            {f}
                          </button>
                        </li>
                      ))}
                    </ul>
                    {c.lessons ? (
                      <p>
                        <strong>{t('cases.lessons')}</strong> {c.lessons}
                      </p>
                    ) : null}
                    {c.projectIds.length > 0 ? (
                      <p className="muted">
                        {t('cases.projects')}{' '}
                        {c.projectIds.map((p) => (
                          <Link
                            key={p}
                            href={`/projects/${encodeURIComponent(p)}`}
                            className="member"
                          >
                            {p}
                          </Link>
                        ))}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <section className="panel section" aria-labelledby="case-factors-heading">
          <h2 id="case-factors-heading">{t('cases.factors')}</h2>
          <p className="muted">{t('cases.factorsHint')}</p>
          {factors.status === 'error' ? <ErrorMessage message={factors.error} /> : null}
          {!factors.data ? <Loading /> : <FactorTable data={factors.data} />}
        </section>
      </div>
    </section>
  );
}
