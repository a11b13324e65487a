import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A search box with its button, as every list and picker has it. The box follows `value` when that
 * changes from outside (the URL); `onSearch` gets the trimmed text. Other filters go in `children`,
 * inside the same toolbar.
 */
export function SearchForm({
  label,
  value = '',
  onSearch,
  children,
}: {
  label: string;
  value?: string;
  onSearch(text: string): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="toolbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label htmlFor={id}>
        {label}
        <input id={id} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" className="button">
        {t('common.search')}
      </button>
      {children}
    </form>
  );
}
