import { useI18n } from '../../i18n/i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';

/** Header links for a member of an organisation: its seeds' feedback and the digests. */
export function AccountLinks() {
  const { t } = useI18n();
  const { account } = useAuth();
  const { path } = useLocation();
  if (!account || account.organisationId === null) return null;
  return (
    <>
      <Link
        href="/my-seeds"
        className="account-link"
        aria-current={path === '/my-seeds' ? 'page' : undefined}
      >
        {t('workflow.mySeeds')}
      </Link>
      <Link
        href="/digests"
        className="account-link"
        aria-current={path === '/digests' ? 'page' : undefined}
      >
        {t('workflow.digestsTitle')}
      </Link>
    </>
  );
}
