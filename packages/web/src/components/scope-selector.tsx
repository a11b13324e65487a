import { useId } from 'react';
import { useSharedData } from '../data-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCommunityLabel } from '../features/network/community-name.tsx';

export interface Scope {
  prefecture?: string;
  community?: string;
}

/** Chooses the whole country (unless `allowNation` is false), one prefecture or one ABC community. */
export function ScopeSelector({
  scope,
  onChange,
  allowNation = true,
}: {
  scope: Scope;
  onChange(scope: Scope): void;
  allowNation?: boolean;
}) {
  const { t } = useI18n();
  const communityLabel = useCommunityLabel();
  const { meta, communities, prefectureName } = useSharedData();
  const id = useId();
  const kind = scope.community ? 'community' : scope.prefecture ? 'prefecture' : 'nation';
  return (
    <fieldset className="scope-selector">
      <legend>{t('scope.label')}</legend>
      <label htmlFor={`${id}-kind`} className="visually-hidden">
        {t('scope.label')}
      </label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => {
          const next = e.target.value;
          if (next === 'prefecture') onChange({ prefecture: scope.prefecture ?? '13' });
          else if (next === 'community')
            onChange({ community: communities.communities[0]?.id ?? '' });
          else onChange({});
        }}
      >
        {allowNation ? <option value="nation">{t('scope.nation')}</option> : null}
        <option value="prefecture">{t('scope.prefecture')}</option>
        <option value="community" disabled={communities.communities.length === 0}>
          {t('scope.community')}
        </option>
      </select>
      {kind === 'prefecture' ? (
        <>
          <label htmlFor={`${id}-prefecture`} className="visually-hidden">
            {t('scope.choosePrefecture')}
          </label>
          <select
            id={`${id}-prefecture`}
            value={scope.prefecture}
            onChange={(e) => onChange({ prefecture: e.target.value })}
          >
            {meta.prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} {prefectureName(p.code)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {kind === 'community' ? (
        <>
          <label htmlFor={`${id}-community`} className="visually-hidden">
            {t('scope.chooseCommunity')}
          </label>
          <select
            id={`${id}-community`}
            value={scope.community}
            onChange={(e) => onChange({ community: e.target.value })}
          >
            {communities.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {communityLabel(c)} — {c.prefectures.slice(0, 3).map(prefectureName).join('・')}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </fieldset>
  );
}
