import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import type { Triage } from './workflow-api.tsx';

/**
 * What the triage read from the need, for its coordinators: the need's key terms, the field it
 * most likely belongs to (from the need or from the seeds it matches) and the researchers whose
 * work fits it best.
 */
export function CaseTriage({ triage }: { triage: Triage }) {
  const { t, number } = useI18n();
  return (
    <section className="panel case-triage" aria-labelledby="triage-heading">
      <h2 id="triage-heading">{t('caseTriage.title')}</h2>
      <h3>{t('caseTriage.keyTerms')}</h3>
      {triage.keyTerms.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul className="chip-list key-terms">
          {triage.keyTerms.map((term) => (
            <li key={term.term} className="chip" data-text="data">
              {term.term}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('caseTriage.field')}</h3>
      {triage.suggestedField === null ? (
        <p>{t('common.unknown')}</p>
      ) : (
        <p className="suggested-field">
          <strong data-text="data">{triage.suggestedField.field}</strong>{' '}
          {t(
            triage.suggestedField.source === 'need'
              ? 'caseTriage.fieldFromNeed'
              : 'caseTriage.fieldFromSeeds',
            { share: number(triage.suggestedField.share * 100, 0) },
          )}
        </p>
      )}
      <h3>{t('caseTriage.researchers')}</h3>
      {triage.researchers.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ol className="triage-researchers">
          {triage.researchers.map((researcher) => (
            <li key={researcher.actorId}>
              <Link href={`/actors/${encodeURIComponent(researcher.actorId)}`}>
                <span data-text="data">{researcher.name}</span>
              </Link>{' '}
              <span className="hint">
                {t('caseTriage.score', { score: number(researcher.score, 2) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
