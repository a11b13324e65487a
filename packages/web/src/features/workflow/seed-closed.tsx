import { useI18n } from '../../i18n/i18n.tsx';

/** Beside a seed's title: its owner closed it (withdrawn or licensed exclusively). */
export function SeedClosedMark() {
  const { t } = useI18n();
  return (
    <>
      {' '}
      <span className="badge seed-closed" data-seed-closed="">
        {t('workflow.seedClosed')}
      </span>
    </>
  );
}
