import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import en from './en.json';
import ja from './ja.json';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof ja;

/** Both catalogues carry the same keys (checked by messages.test.ts). */
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { ja, en };
const STORAGE_KEY = 'musubi.language';

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ja, key);
}

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The message for a key, with `{name}` placeholders filled. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A message whose key is built at run time (`sector.${code}`); falls back to the code itself. */
  label(prefix: string, code: string): string;
  number(value: number, digits?: number): string;
  percent(share: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'ja';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[language];
    const numberFormat = new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB');
    const fill = (text: string, values?: Record<string, string | number>) =>
      values
        ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
            const v = values[name];
            return v === undefined ? whole : typeof v === 'number' ? numberFormat.format(v) : v;
          })
        : text;
    return {
      language,
      setLanguage,
      t: (key, values) => fill(catalogue[key], values),
      label: (prefix, code) => {
        const key = `${prefix}.${code}`;
        return isMessageKey(key) ? catalogue[key] : code;
      },
      number: (v, digits = 0) =>
        new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
          maximumFractionDigits: digits,
        }).format(v),
      percent: (share) =>
        new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(share),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
