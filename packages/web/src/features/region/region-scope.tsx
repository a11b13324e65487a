import { useId, useState } from 'react';
import { CONSORTIUM_FLAG } from '#core/consortium.ts';
import { useGet } from '../../api/use-api.tsx';
import { choicesOf, consortiumMatches, type ConsortiumChoice } from './consortium-choices.ts';
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
 * `useRegionScope`): the region selector and a searchable list of the recorded consortia.
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
        <ConsortiumPicker page={page} current={consortium ?? ''} />
      </>
    ),
  };
}

/** The recorded consortia, by name (core/consortium.ts: organisations flagged `consortium`). */
const CONSORTIA_QUERY = {
  flags: CONSORTIUM_FLAG,
  sort: 'name',
  limit: 1000,
  fields: 'id,name,nameEn',
} as const;

/**
 * A searchable list of the recorded consortia: typing narrows the list, choosing one shows its
 * figures (`?consortium=CODE`), the empty choice goes back to the region.
 */
function ConsortiumPicker({ page, current }: { page: string; current: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const state = useGet('/api/actors', { query: CONSORTIA_QUERY });
  const all = state.data ? choicesOf(state.data.items) : [];
  const matching = all.filter((choice) => consortiumMatches(choice, text));
  // The chosen one stays in the list while the text narrows it, so the list still shows it.
  const shown = all.filter((choice) => choice.id === current || consortiumMatches(choice, text));
  const nameOf = (choice: ConsortiumChoice) =>
    language === 'en' && choice.nameEn ? choice.nameEn : choice.name;
  return (
    <div
      className="toolbar"
      data-testid="consortium-scope"
      role="group"
      aria-labelledby={`${id}-title`}
    >
      <span id={`${id}-title`}>{t('ownedProgrammes.consortium')}</span>
      <label htmlFor={`${id}-search`}>
        {t('ownedProgrammes.consortiumSearch')}
        <input
          id={`${id}-search`}
          type="search"
          value={text}
          maxLength={100}
          placeholder={t('ownedProgrammes.consortiumSearchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label htmlFor={`${id}-choice`}>
        {t('ownedProgrammes.consortiumChoice')}
        <select
          id={`${id}-choice`}
          name="consortium"
          value={current}
          onChange={(e) =>
            navigate(hrefOf(page, e.target.value ? { consortium: e.target.value } : {}), {
              replace: true,
            })
          }
        >
          <option value="">{t('ownedProgrammes.consortiumNone')}</option>
          {current !== '' && !all.some((choice) => choice.id === current) ? (
            <option value={current}>{current}</option>
          ) : null}
          {shown.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {nameOf(choice)}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="consortium-count" aria-live="polite">
        {state.status === 'error'
          ? state.error
          : !state.data
            ? ''
            : all.length === 0
              ? t('ownedProgrammes.consortiumNoneRecorded')
              : t('ownedProgrammes.consortiumCount', { shown: matching.length, all: all.length })}
      </span>
    </div>
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
