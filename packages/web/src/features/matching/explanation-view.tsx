import { SIGNAL_NAMES, type Explanation, type PathStep } from '../../api/workflow-types.ts';
import { isMessageKey, useI18n } from '../../i18n/i18n.tsx';
import { splitMatch } from './match-wording.ts';

/** A title whose matched spans the API marked with 【】, shown as <mark>. */
export function HighlightedTitle({ text }: { text: string }) {
  const parts = text.split(/(【[^】]*】)/g).filter((p) => p !== '');
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('【') && part.endsWith('】') ? (
          <mark key={i}>{part.slice(1, -1)}</mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export function PathView({ path }: { path: readonly PathStep[] }) {
  const { t, label } = useI18n();
  if (path.length === 0) return <p className="muted">{t('matching.noPath')}</p>;
  const first = path[0];
  return (
    <ol className="network-path" aria-label={t('matching.path')}>
      {first && <li>{first.fromName}</li>}
      {path.map((step, i) => (
        <li key={i}>
          <span className="path-relation">{label('relation', step.relation)}</span> {step.toName}
        </li>
      ))}
    </ol>
  );
}

/** Each signal's contribution to the score (they sum to it), as numbers and bars. */
export function SignalTable({ signals }: { signals: Explanation['signals'] }) {
  const { t, number } = useI18n();
  const max = Math.max(0.0001, ...SIGNAL_NAMES.map((s) => Math.abs(signals[s])));
  return (
    <table className="signal-table">
      <caption className="visually-hidden">{t('matching.signals')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('matching.signal')}</th>
          <th scope="col" className="num">
            {t('matching.contribution')}
          </th>
          <th scope="col" aria-hidden="true"></th>
        </tr>
      </thead>
      <tbody>
        {SIGNAL_NAMES.map((name) => {
          const value = signals[name];
          return (
            <tr key={name}>
              <th scope="row">{t(`signal.${name}`)}</th>
              <td className="num">{number(value, 3)}</td>
              <td aria-hidden="true" className="signal-bar-cell">
                <span
                  className={value < 0 ? 'signal-bar negative' : 'signal-bar'}
                  style={{ width: `${Math.round((Math.abs(value) / max) * 100)}%` }}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { t, label, number } = useI18n();
  return (
    <div className="explanation">
      <div>
        <h4>{t('matching.terms')}</h4>
        {explanation.terms.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="term-list">
            {explanation.terms.map((term) => (
              <li key={`${term.term}-${term.source}`}>
                <span className="tag">{term.term}</span>{' '}
                <span className="muted">
                  {isMessageKey(`termSource.${term.source}`)
                    ? label('termSource', term.source)
                    : label('ui2.termSource', term.source)}{' '}
                  {term.from !== undefined && term.from.length > 0 && (
                    <span className="term-from">
                      {t('matching.termFrom', { words: term.from.join('・') })}{' '}
                    </span>
                  )}
                  · {number(term.contribution, 2)}
                </span>
                {term.matches.length > 0 && (
                  <span className="term-matches">
                    {' '}
                    {term.matches
                      .map((m) => {
                        const { field, surface } = splitMatch(m);
                        return field ? `${label('ui2.matchField', field)}: ${surface}` : surface;
                      })
                      .join(' / ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h4>{t('matching.signals')}</h4>
        <SignalTable signals={explanation.signals} />
      </div>
      <div>
        <h4>{t('matching.path')}</h4>
        <PathView path={explanation.path} />
        <p>
          {label('region', explanation.region)}
          {explanation.distanceKm !== undefined &&
            ` · ${t('matching.distance', { km: Math.round(explanation.distanceKm) })}`}
        </p>
        {explanation.feedback !== undefined && explanation.feedback.length > 0 && (
          <p className="muted">{explanation.feedback.join(' / ')}</p>
        )}
      </div>
    </div>
  );
}
