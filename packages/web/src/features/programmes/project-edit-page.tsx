/** A project edited by coordinators and administrators: its facts and its PDCA log, milestones, risks, KPIs. */
import { ZProject } from '#core/entities/project.ts';
import { VALUE_KINDS } from '#core/entities/project-management.ts';
import { PROJECT_STAGES } from '#core/vocabulary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { EditPage, textOr } from '../forms/edit-page.tsx';
import type { FieldSpec } from '../forms/form-values.ts';
import { PDCA_LOG_FIELD } from '../forms/pdca-log-field.ts';

export const PROJECT_FIELDS: readonly FieldSpec[] = [
  { name: 'title', kind: 'text', label: 'field.title' },
  { name: 'description', kind: 'textarea', label: 'forms.project.description' },
  {
    name: 'stage',
    kind: 'select',
    label: 'field.stage',
    options: PROJECT_STAGES,
    optionLabels: 'stage',
  },
  { name: 'startDate', kind: 'date', label: 'field.startDate' },
  { name: 'endDate', kind: 'date', label: 'field.endDate' },
  { name: 'budget', kind: 'number', label: 'field.budget' },
  { name: 'spent', kind: 'number', label: 'forms.project.spent' },
  PDCA_LOG_FIELD,
  {
    name: 'milestones',
    kind: 'entries',
    label: 'forms.project.milestones',
    entry: [
      { name: 'id', kind: 'text', label: 'forms.project.milestoneId' },
      { name: 'title', kind: 'text', label: 'field.title' },
      { name: 'plannedDate', kind: 'date', label: 'forms.project.plannedDate' },
      { name: 'actualDate', kind: 'date', label: 'forms.project.actualDate' },
    ],
  },
  {
    name: 'risks',
    kind: 'entries',
    label: 'forms.project.risks',
    entry: [
      { name: 'riskId', kind: 'text', label: 'forms.project.riskId' },
      { name: 'title', kind: 'text', label: 'field.title' },
      { name: 'date', kind: 'date', label: 'forms.project.date' },
      {
        name: 'likelihood',
        kind: 'int',
        label: 'forms.project.likelihood',
        hint: 'forms.project.scoreHint',
      },
      {
        name: 'impact',
        kind: 'int',
        label: 'forms.project.impact',
        hint: 'forms.project.scoreHint',
      },
      { name: 'owner', kind: 'text', label: 'forms.project.riskOwner' },
      { name: 'mitigation', kind: 'textarea', label: 'forms.project.mitigation' },
    ],
  },
  {
    name: 'kpis',
    kind: 'entries',
    label: 'forms.project.kpis',
    entry: [
      { name: 'name', kind: 'text', label: 'forms.project.kpiName' },
      {
        name: 'value',
        kind: 'select',
        label: 'forms.project.valueKind',
        options: VALUE_KINDS,
        optionLabels: 'forms.valueKind',
      },
      { name: 'unit', kind: 'text', label: 'forms.project.unit' },
      { name: 'baseline', kind: 'number', label: 'forms.project.baseline' },
      { name: 'target', kind: 'number', label: 'forms.project.target' },
      { name: 'actual', kind: 'number', label: 'forms.project.actual' },
      { name: 'sdgs', kind: 'int_list', label: 'forms.sdgs', hint: 'forms.sdgsHint' },
    ],
  },
];

export function ProjectEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <EditPage
      entity="projects"
      id={id}
      schema={ZProject}
      specs={PROJECT_FIELDS}
      back={`/projects/${encodeURIComponent(id)}`}
      backLabel="forms.project.back"
      deletedHref="/projects"
      heading={(record) => t('forms.project.editTitle', { title: textOr(record, 'title', id) })}
    />
  );
}
