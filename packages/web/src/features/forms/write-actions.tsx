/**
 * "New" and "edit" buttons for the pages that show records, offered only to accounts the core's
 * rule lets write (the server checks again). Loaded lazily with the forms (see lazy-forms.tsx).
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayWrite } from './may-write.ts';
import type { FormEntity } from './record-api.tsx';

export function WriteActions({
  entity,
  record,
  editHref,
  newHref,
}: {
  entity: FormEntity;
  /** The record shown (for "edit"); absent for a list's "new". */
  record?: Record<string, unknown>;
  editHref?: string;
  newHref?: string;
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  if (!account) return null;
  const own =
    account.role === 'member' && account.organisationId
      ? { ownerId: account.organisationId }
      : undefined;
  const canCreate = newHref !== undefined && mayWrite(account, entity, 'create', own);
  const canEdit =
    editHref !== undefined && record !== undefined && mayWrite(account, entity, 'update', record);
  if (!canCreate && !canEdit) return null;
  return (
    <div className="write-actions">
      {canCreate ? (
        <Link className="button" href={newHref}>
          {t(
            entity === 'needs'
              ? 'forms.need.new'
              : entity === 'seeds'
                ? 'forms.seed.new'
                : 'forms.new',
          )}
        </Link>
      ) : null}
      {canEdit ? (
        <Link className="button secondary" href={editHref}>
          {t('forms.edit')}
        </Link>
      ) : null}
    </div>
  );
}
