import { useId, useState } from 'react';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { GeneratedDataNote } from '../../components/data-notes.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { NOT_COMPUTABLE } from '../programmes/stat-format.ts';

/**
 * Who could fill a community's wheel gap, from any prefecture (戦略的不平等): the best element from
 * anywhere, not the nearest, each with its reasons and the path that already leads to it.
 */
export function GapFillPanel({
  communityId,
  missingSectors,
  sectors,
}: {
  communityId: string;
  /** Missing sectors first: they are the gaps; the others can be strengthened too. */
  missingSectors: string[];
  sectors: readonly string[];
}) {
  const { t, label, number, language } = useI18n();
  const { prefectureName } = useSharedData();
  const selectId = useId();
  const [sector, setSector] = useState(missingSectors[0] ?? sectors[0] ?? 'university');
  const state = useGet('/api/analyses/gap-fill', {
    query: { community: communityId, sector, limit: 8 },
  });
  const ordered = [...missingSectors, ...sectors.filter((s) => !missingSectors.includes(s))];
  return (
    <section aria-labelledby={`${selectId}-heading`}>
      <h3 id={`${selectId}-heading`}>{t('gapFill.title')}</h3>
      <p className="stat-detail">{t('gapFill.intro')}</p>
      <label htmlFor={selectId}>{t('gapFill.sector')}</label>{' '}
      <select id={selectId} value={sector} onChange={(e) => setSector(e.target.value)}>
        {ordered.map((s) => (
          <option key={s} value={s}>
            {label('wheel', s)}
            {missingSectors.includes(s) ? ` (${t('gapFill.missing')})` : ''}
          </option>
        ))}
      </select>
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {state.status === 'loading' && !state.data ? <Loading /> : null}
      <GeneratedDataNote answer={state.data} />
      {state.data ? (
        state.data.candidates.length === 0 ? (
          <p>{t('gapFill.none')}</p>
        ) : (
          <ol
            className="gap-fill"
            data-testid="gap-fill-candidates"
            aria-busy={state.status === 'loading'}
          >
            {state.data.candidates.map((c) => (
              <li key={c.id}>
                <Link href={`/actors/${encodeURIComponent(c.id)}`}>{c.name}</Link>{' '}
                <span className="stat-detail">
                  {prefectureName(c.prefectureCode)} · {t('gapFill.score')}{' '}
                  {c.score === null ? NOT_COMPUTABLE : number(c.score, 2)}
                </span>
                <ul>
                  {/* A direct tie is already one of the reasons; longer paths are shown. */}
                  {c.reasons.map((r) => (
                    <li key={r.en}>{language === 'ja' ? r.ja : r.en}</li>
                  ))}
                  {c.path.length > 2 ? (
                    <li>
                      {t('gapFill.path')}: {c.path.join(' → ')}
                    </li>
                  ) : null}
                </ul>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
