/**
 * A community as people read it: the name made from its members (「静岡大学・浜松ホトニクス圏
 * （光・量子）」) in the page's language, with its size; the id (`c3`) only when no name came.
 */
import { useI18n, type Language } from '../../i18n/i18n.tsx';

export interface NamedCommunity {
  id: string;
  size: number;
  name?: string;
  nameEn?: string;
}

export function communityName(c: Omit<NamedCommunity, 'size'>, language: Language): string {
  return (language === 'ja' ? c.name : c.nameEn) ?? c.name ?? c.id;
}

/** `(community) => "静岡大学・浜松ホトニクス圏（光・量子）（120 主体）"` in the page's language. */
export function useCommunityLabel(): (c: NamedCommunity) => string {
  const { t, language } = useI18n();
  return (c) => t('network2.communityOption', { name: communityName(c, language), size: c.size });
}
