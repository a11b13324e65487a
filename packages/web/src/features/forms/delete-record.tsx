/**
 * Deleting a record from its page: asked first (`ConfirmAction`), sent under the record's
 * If-Match; a change made in between shows "changed by someone else" with a reload, and a record
 * other records still use is refused naming them by kind and count in the page's language.
 */
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { deleteRecord, StillUsedError, type FormEntity } from './record-api.tsx';
import { describeDependents, keepsHistory } from './still-used.ts';

export function DeleteRecord({
  entity,
  id,
  etag,
  name,
  onDeleted,
  onReload,
  labels = {
    open: 'recordsDelete.delete',
    confirm: 'recordsDelete.confirm',
    now: 'recordsDelete.deleteNow',
  },
}: {
  entity: FormEntity;
  id: string;
  etag: string | null;
  /** How the question names the record (its title or name). */
  name: string;
  onDeleted(): void;
  onReload?(): void;
  labels?: { open: MessageKey; confirm: MessageKey; now: MessageKey };
}) {
  const { t, language } = useI18n();
  return (
    <ConfirmAction
      openLabel={t(labels.open)}
      question={t(labels.confirm, { name })}
      confirmLabel={t(labels.now)}
      busyLabel={t('recordsDelete.deleting')}
      act={async () => {
        await deleteRecord(entity, id, etag);
        onDeleted();
      }}
      describeFailure={(error) =>
        error instanceof StillUsedError
          ? [
              t('recordsDelete.stillUsed', { list: describeDependents(error.dependents, t) }),
              ...(keepsHistory(error.dependents) ? [t('workflowGaps.dependents.historyHint')] : []),
            ].join(language === 'ja' ? '' : ' ')
          : null
      }
      {...(onReload ? { onReload } : {})}
    />
  );
}
