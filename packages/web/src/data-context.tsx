import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useGet } from './api/use-api.tsx';
import type { WebCommunities, WebMeta, WebPrefecture } from './api/types.ts';
import { ErrorMessage, Loading } from './components/status.tsx';
import { useI18n } from './i18n/i18n.tsx';

export interface SharedData {
  meta: WebMeta;
  communities: WebCommunities;
  prefectureName(code: string): string;
  prefecture(code: string): WebPrefecture | undefined;
}

const DataContext = createContext<SharedData | null>(null);

/** Loads what every view needs once: prefectures, vocabularies, metrics and the ABC communities. */
export function DataProvider({ children }: { children: ReactNode }) {
  const { language, t } = useI18n();
  const meta = useGet('/api/web/meta');
  const communities = useGet('/api/web/communities');
  if (meta.status === 'error') return <ErrorMessage message={meta.error} />;
  if (communities.status === 'error') return <ErrorMessage message={communities.error} />;
  if (meta.status !== 'ready' || communities.status !== 'ready') return <Loading />;
  const byCode = new Map(meta.data.prefectures.map((p) => [p.code, p]));
  const value: SharedData = {
    meta: meta.data,
    communities: communities.data,
    prefecture: (code) => byCode.get(code),
    prefectureName: (code) => {
      // Analyses count actors abroad (no prefecture) in a group of their own (core/geo.ts).
      if (code === 'abroad') return t('ui2.abroad');
      const p = byCode.get(code);
      return p ? (language === 'ja' ? p.name : p.nameEn) : code;
    },
  };
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}

export function useSharedData(): SharedData {
  const context = useContext(DataContext);
  if (!context) throw new Error('useSharedData outside DataProvider');
  return context;
}
