import { useId, useState } from 'react';
import { ScopeSelector, type Scope } from '../../components/scope-selector.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
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

/** A region, or a named consortium (its code: the id of the actor standing for it). */
export type RegionOrConsortium = Scope | { consortium: string };

/**
 * The region of a page that also answers for a named consortium (`?consortium=CODE`, else as
 * `useRegionScope`): the region selector and a field for the consortium's code.
 */
export function useRegionOrConsortium(page: string): {
  scope: RegionOrConsortium;
  selector: React.ReactNode;
} {
  const { search } = useLocation();
  const region = useRegionScope(page);
  const consortium = search.get('consortium');
  return {
    scope: consortium ? { consortium } : region.scope,
    selector: (
      <>
        {region.selector}
        <ConsortiumField page={page} current={consortium ?? ''} />
      </>
    ),
  };
}

function ConsortiumField({ page, current }: { page: string; current: string }) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState(current);
  return (
    <form
      className="toolbar"
      data-testid="consortium-scope"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = code.trim();
        navigate(hrefOf(page, trimmed ? { consortium: trimmed } : {}), { replace: true });
      }}
    >
      <label htmlFor={`${id}-consortium`}>
        {t('strengthsMoney.consortium')}
        <input
          id={`${id}-consortium`}
          value={code}
          maxLength={100}
          placeholder={t('strengthsMoney.consortiumPlaceholder')}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <button type="submit">{t('strengthsMoney.consortiumShow')}</button>
      <span className="muted">{t('strengthsMoney.consortiumHint')}</span>
    </form>
  );
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
