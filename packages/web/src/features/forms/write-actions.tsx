/**
 * "New" and "edit" buttons for the pages that show records, offered only to accounts the core's
 * rule lets write (the server checks again). Loaded lazily with the forms (see lazy-forms.tsx).
 */
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayImport } from '../auth/principal.ts';
import { mayWrite, ownNewRecord } from './may-write.ts';
import type { FormEntity } from './record-api.tsx';
import { relationKeyOfRow } from './relation-form.ts';

const NEW_LABELS: Partial<Record<FormEntity, MessageKey>> = {
  needs: 'forms.need.new',
  seeds: 'forms.seed.new',
  relations: 'forms2.relation.new',
  'region-strategies': 'forms2.strategy.new',
  'training-programmes': 'forms2.training.new',
  adoptions: 'forms2.adoption.new',
  funding: 'forms2.funding.new',
  'support-measures': 'forms2.support.new',
  programmes: 'formsMore.programme.new',
  cases: 'formsMore.case.new',
  indicators: 'formsMore.indicator.new',
};

export function WriteActions({
  entity,
  record,
  editHref,
  newHref,
  newRecord,
}: {
  entity: FormEntity;
  /** The record shown (for "edit"); absent for a list's "new". */
  record?: Record<string, unknown>;
  editHref?: string;
  newHref?: string;
  /** What the new record will hold that decides who may create it (a relation's source). */
  newRecord?: Record<string, unknown>;
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  if (!account) return null;
  const own = ownNewRecord(account);
  const canCreate = newHref !== undefined && mayWrite(account, entity, 'create', newRecord ?? own);
  const canEdit =
    editHref !== undefined && record !== undefined && mayWrite(account, entity, 'update', record);
  if (!canCreate && !canEdit) return null;
  return (
    <div className="write-actions">
      {canCreate ? (
        <Link className="button" href={newHref}>
          {t(NEW_LABELS[entity] ?? 'forms.new')}
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

/** "Edit" on a row of an actor's relations, for accounts that may change that relation. */
export function RelationEditLink({
  actorId,
  row,
}: {
  actorId: string;
  row: {
    otherId: string;
    otherName: string;
    direction: 'out' | 'in';
    type: string;
    startDate: string | null;
  };
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  const key = relationKeyOfRow(actorId, row);
  if (!account || key === null) return null;
  const [sourceId, targetId] =
    row.direction === 'out' ? [actorId, row.otherId] : [row.otherId, actorId];
  if (!mayWrite(account, 'relations', 'update', { sourceId, targetId })) return null;
  return (
    <Link
      className="button secondary relation-edit"
      href={`/actors/${encodeURIComponent(actorId)}/relations/${encodeURIComponent(key)}`}
      aria-label={t('formsMore.relation.editOf', { name: row.otherName })}
    >
      {t('forms.edit')}
    </Link>
  );
}

/** "Import from a file", for the accounts that may import (coordinators, administrators). */
export function ImportLink() {
  const { t } = useI18n();
  const { account } = useAuth();
  if (!mayImport(account)) return null;
  return (
    <div className="write-actions">
      <Link className="button secondary" href="/import">
        {t('forms2.import.title')}
      </Link>
    </div>
  );
}
