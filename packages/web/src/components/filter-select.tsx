/** A labelled filter: a `<select>` whose first choice (empty value) is "all". */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

export function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  // A value from the URL that the list does not hold (yet) is still shown as chosen.
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {known ? null : <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
