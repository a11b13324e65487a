/** The PDCA log as a form field: one entry per step (phase, date, note), for projects and region strategies. */
import { PDCA_PHASES } from '#core/entities/project-management.ts';
import type { FieldSpec } from './form-values.ts';

export const PDCA_LOG_FIELD: FieldSpec = {
  name: 'pdca',
  kind: 'entries',
  label: 'forms.project.pdca',
  entry: [
    {
      name: 'phase',
      kind: 'select',
      label: 'forms.project.phase',
      options: PDCA_PHASES,
      optionLabels: 'pdca',
    },
    { name: 'date', kind: 'date', label: 'forms.project.date' },
    { name: 'note', kind: 'textarea', label: 'forms.project.note' },
  ],
};
