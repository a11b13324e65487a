import { ComingNotice } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';

export function BoardPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="board-heading">
      <h1 id="board-heading">{t('board.title')}</h1>
      <ComingNotice>{t('board.coming')}</ComingNotice>
      <p>
        {t('board.meanwhile')} <Link href="/matching">{t('nav.matching')}</Link> ・{' '}
        <Link href="/actors">{t('nav.actors')}</Link>
      </p>
    </section>
  );
}
