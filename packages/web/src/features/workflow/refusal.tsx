import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The text of a failure: the server's problem detail when it gave one. */
export function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

/** A change the server refused, said plainly with its reason (and status). */
export function Refusal({ failure }: { failure: unknown }) {
  const { t } = useI18n();
  if (failure === null || failure === undefined) return null;
  const status = failure instanceof ApiError ? failure.status : undefined;
  return (
    <p className="form-error refusal" role="alert">
      {status === 412
        ? t('workflow.conflict', { detail: messageOf(failure) })
        : status === 403 || status === 404
          ? t('workflow.refused', { detail: messageOf(failure) })
          : t('workflow.failed', { detail: messageOf(failure) })}
    </p>
  );
}
