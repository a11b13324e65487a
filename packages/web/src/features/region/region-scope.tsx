import { ScopeSelector, type Scope } from '../../components/scope-selector.tsx';
import { hrefOf, navigate, useLocation } from '../../router.tsx';

const DEFAULT_PREFECTURE = '22';

/** The region of a region-level page, kept in the URL (`?prefecture=` or `?community=`). */
export function useRegionScope(page: string): { scope: Scope; selector: React.ReactNode } {
  const { search } = useLocation();
  const scope: Scope = search.get('community')
    ? { community: search.get('community') ?? '' }
    : { prefecture: search.get('prefecture') ?? DEFAULT_PREFECTURE };
  const selector = (
    <ScopeSelector
      scope={scope}
      onChange={(next) => navigate(hrefOf(page, { ...next }), { replace: true })}
      allowNation={false}
    />
  );
  return { scope, selector };
}

/** A rate with its interval: "75.0% [59.8%, 85.8%]". */
export function rateText(
  rate: { rate: number | null; ciLow: number | null; ciHigh: number | null },
  percent: (share: number) => string,
): string {
  if (rate.rate === null) return '—';
  const interval =
    rate.ciLow !== null && rate.ciHigh !== null
      ? ` [${percent(rate.ciLow)}, ${percent(rate.ciHigh)}]`
      : '';
  return `${percent(rate.rate)}${interval}`;
}

/** Years and codes keep to one line in narrow columns. */
export const NOWRAP = { whiteSpace: 'nowrap' } as const;
