import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * "Add a coordinator": one of the accounts the server offers, chosen by name and added (a case's
 * coordinators, a need's own). `children` goes below the button (a hint of the caller's).
 */
export function CoordinatorChoice({
  name,
  offered,
  onAdd,
  children,
}: {
  /** The select's name. */
  name: string;
  offered: readonly { id: string; name: string }[];
  onAdd(accountId: string): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (choice === '') return;
    onAdd(choice);
    setChoice('');
  };
  return (
    <form className="form inline-form" onSubmit={add}>
      <label className="field">
        {t('workflow.addCoordinator')}
        <select name={name} value={choice} onChange={(event) => setChoice(event.target.value)}>
          <option value="">{t('workflow.chooseCoordinator')}</option>
          {offered.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button secondary" disabled={choice === ''}>
        {t('workflow.add')}
      </button>
      {offered.length === 0 && <p className="hint">{t('workflow.noneOffered')}</p>}
      {children}
    </form>
  );
}
