import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { documentTitle } from './document-title.ts';

/**
 * Keeps `<title>` equal to the page's first `<h1>` in `<main>`, in the language shown: every page
 * already names itself there, so no page has to repeat it. Follows headings that change (a record's
 * name arriving after loading, a language switch) through a MutationObserver on `<main>`.
 */
export function PageTitle({ path }: { path: string }) {
  const { t, language } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    const main = document.getElementById('main');
    const update = () => {
      const next = documentTitle(main?.querySelector('h1')?.textContent, appName);
      if (document.title !== next) document.title = next;
    };
    update();
    if (!main) return undefined;
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [path, language, appName]);
  return null;
}
