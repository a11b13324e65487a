/** An organisation's profile edited by its members (or coordinators, administrators), and confirmed. */
import { ZActor } from '#core/entities/actor.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { EditPage, textOr } from '../forms/edit-page.tsx';
import type { FieldSpec } from '../forms/form-values.ts';
import { ProfileConfirmationPanel } from '../workflow/profile-confirmation.tsx';

export const ACTOR_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms.actor.name' },
  { name: 'nameEn', kind: 'text', label: 'field.nameEn' },
  { name: 'nameKana', kind: 'text', label: 'field.nameKana' },
  { name: 'prefectureCode', kind: 'prefecture', label: 'field.prefectureCode' },
  {
    name: 'municipalityCode',
    kind: 'text',
    label: 'field.municipalityCode',
    hint: 'forms.actor.municipalityHint',
  },
  {
    name: 'corporateNumber',
    kind: 'text',
    label: 'field.corporateNumber',
    hint: 'forms.actor.corporateNumberHint',
  },
  { name: 'url', kind: 'url', label: 'field.url' },
  { name: 'field', kind: 'text', label: 'field.field' },
  { name: 'keywords', kind: 'list', label: 'field.keywords', hint: 'forms.listHint' },
  { name: 'employees', kind: 'int', label: 'field.employees' },
  { name: 'revenue', kind: 'number', label: 'field.revenue' },
  { name: 'capital', kind: 'number', label: 'forms.actor.capital' },
  { name: 'foundedYear', kind: 'int', label: 'field.foundedYear' },
];

export function ActorEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <EditPage
      entity="actors"
      id={id}
      schema={ZActor}
      specs={ACTOR_FIELDS}
      back={`/actors/${encodeURIComponent(id)}`}
      backLabel="forms.actor.back"
      deletedHref="/actors"
      heading={(record) => t('forms.actor.editTitle', { name: textOr(record, 'name', id) })}
      above={<ProfileConfirmationPanel actorId={id} />}
    />
  );
}
