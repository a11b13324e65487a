/**
 * The brokers panel of the network view: the strongest brokers drawn on the graph, the communities
 * each bridges, and — on the demo — the note that they come from the generator's planted structure.
 */
import { GeneratedDataNote } from '../../components/data-notes.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Broker } from './network-brokers.ts';

/** Brokers listed at most (the graph marks more). */
const LISTED = 8;

export function NetworkBrokerList({
  id,
  answer,
  brokers,
  loading,
  isDrawn,
  onSelect,
  communityName,
}: {
  /** Prefix of the element ids. */
  id: string;
  /** The brokers answer as received (it carries the demo note). */
  answer: unknown;
  brokers: readonly Broker[];
  loading: boolean;
  /** Whether an actor is on the drawn graph. */
  isDrawn: (actorId: string) => boolean;
  onSelect: (actorId: string) => void;
  communityName: (communityId: string) => string;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-brokers`} data-testid="network-brokers">
      <h3 id={`${id}-brokers`}>{t('network2.brokers')}</h3>
      <p className="stat-detail">{t('network2.brokersIntro')}</p>
      <GeneratedDataNote
        answer={answer}
        detail={t('reportRoles.brokersPlanted')}
        testId="network-generated"
      />
      {loading ? <p>{t('network2.brokersLoading')}</p> : null}
      <ol className="search-results broker-list">
        {brokers
          .filter((b) => isDrawn(b.actorId))
          .slice(0, LISTED)
          .map((b) => (
            <li key={b.actorId} data-broker={b.actorId}>
              <button type="button" onClick={() => onSelect(b.actorId)}>
                <span className="broker-mark" aria-hidden="true">
                  ◆
                </span>{' '}
                {b.name}
                {b.communitiesBridged.length > 1 ? (
                  <span className="stat-detail">
                    {' '}
                    —{' '}
                    {t('network2.bridges', {
                      communities: b.communitiesBridged.map(communityName).join(' / '),
                    })}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
      </ol>
    </section>
  );
}
