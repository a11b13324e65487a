import { useRef, useState } from 'react';
import { ScopeSelector, type Scope } from '../../components/scope-selector.tsx';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, navigate, useLocation } from '../../router.tsx';

const DEFAULT_PREFECTURE = '13';

/**
 * The printable region report of a prefecture or community (`/api/reports/region`): shown in a
 * frame, printed from there (the report carries its own print styles), or opened on its own.
 */
export function RegionReportPage() {
  const { t, language } = useI18n();
  const { search } = useLocation();
  const frame = useRef<HTMLIFrameElement>(null);
  const scope: Scope = search.get('community')
    ? { community: search.get('community') ?? '' }
    : { prefecture: search.get('prefecture') ?? DEFAULT_PREFECTURE };
  // the report in the page's language (Japanese is the default and needs no parameter)
  const src = hrefOf('/api/reports/region', {
    ...scope,
    ...(language === 'en' ? { lang: 'en' } : {}),
  });
  const [loaded, setLoaded] = useState<string | null>(null);
  const setScope = (next: Scope) => navigate(hrefOf('/reports', { ...next }), { replace: true });
  return (
    <section aria-labelledby="report-heading">
      <h1 id="report-heading">{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <ScopeSelector scope={scope} onChange={setScope} allowNation={false} />
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={loaded !== src}
          onClick={() => frame.current?.contentWindow?.print()}
        >
          {t('report.print')}
        </button>
        <a href={src} target="_blank" rel="noopener">
          {t('report.open')}
        </a>
      </div>
      {loaded !== src ? <Loading /> : null}
      <iframe
        ref={frame}
        key={src}
        src={src}
        title={t('report.frameTitle')}
        className="report-frame"
        data-testid="report-frame"
        onLoad={() => setLoaded(src)}
      />
    </section>
  );
}
