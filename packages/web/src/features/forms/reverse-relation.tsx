/**
 * Reversing a relation's direction from its page. Source and target are part of the relation's
 * identity, so the reversed relation is another record: it is asked first (`ConfirmAction`), then
 * moved in one request (`POST …/rekey` under the old one's If-Match), which removes the old one and
 * stores the reversed one together or neither. A change made in between shows "changed by someone
 * else"; a relation already running the other way is named, and nothing changes.
 */
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { rekeyRelation, type Loaded } from './record-api.tsx';
import { reversedRelation } from './relation-form.ts';

export function ReverseRelation({
  relationId,
  loaded,
  outgoing,
  onReversed,
  onReload,
}: {
  relationId: string;
  loaded: Loaded;
  /** Whether the relation runs from the actor whose page this is (how the question words it). */
  outgoing: boolean;
  /** Called with the reversed relation's key once it is stored. */
  onReversed(key: string): void;
  onReload?(): void;
}) {
  const { t, label } = useI18n();
  const reversed = reversedRelation(loaded.record);
  if (reversed === null) return null;
  const direction = (out: boolean) => label('forms2.relation.directions', out ? 'out' : 'in');
  return (
    <ConfirmAction
      openLabel={t('workflowGaps.reverse.open')}
      question={t('workflowGaps.reverse.confirm', {
        from: direction(outgoing),
        to: direction(!outgoing),
      })}
      confirmLabel={t('workflowGaps.reverse.now')}
      busyLabel={t('workflowGaps.reverse.busy')}
      act={async () => {
        await rekeyRelation(relationId, reversed.record, loaded.etag);
        onReversed(reversed.key);
      }}
      describeFailure={(error) =>
        error instanceof ApiError && error.status === 409 ? t('workflowGaps.reverse.exists') : null
      }
      {...(onReload ? { onReload } : {})}
    />
  );
}
