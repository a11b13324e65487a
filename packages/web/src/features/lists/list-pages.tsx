import { useState } from 'react';
import { scriptLanguage } from '../../components/script-language.ts';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { EntityList, type Column } from './entity-list.tsx';

function text(record: Record<string, unknown>, field: string): string {
  const v = record[field];
  return typeof v === 'string' ? v : '';
}

/** A seed's or need's title linking to its page (where it is edited). */
function recordLink(entity: 'seeds' | 'needs', record: Record<string, unknown>) {
  return (
    <Link href={`/${entity}/${encodeURIComponent(text(record, 'id'))}`}>
      {text(record, 'title')}
    </Link>
  );
}

function useColumns() {
  const { label, t, language } = useI18n();
  const { prefectureName } = useSharedData();
  const owner: Column = {
    field: 'ownerId',
    header: 'field.owner',
    render: (r) => (
      <Link href={`/actors/${encodeURIComponent(text(r, 'ownerId'))}`}>{text(r, 'ownerId')}</Link>
    ),
  };
  const prefecture: Column = {
    field: 'prefectureCode',
    header: 'actors.prefecture',
    render: (r) => (text(r, 'prefectureCode') ? prefectureName(text(r, 'prefectureCode')) : '—'),
  };
  const yesNo = (field: string): Column => ({
    field,
    header: field === 'open' ? 'field.open' : 'field.available',
    render: (r) => (r[field] === false ? t('common.no') : t('common.yes')),
  });
  // An end year (or grade) that is not published is unknown, not missing (issue 10).
  const endFy: Column = {
    field: 'endFy',
    header: 'field.endFy',
    render: (r) => (typeof r['endFy'] === 'number' ? String(r['endFy']) : t('ui2.unknown')),
  };
  return {
    seeds: [
      { field: 'title', header: 'field.title', render: (r) => recordLink('seeds', r) },
      { field: 'kind', header: 'field.type', render: (r) => label('seedKind', text(r, 'kind')) },
      { field: 'field', header: 'field.field' },
      { field: 'trl', header: 'field.trl', numeric: true },
      owner,
      prefecture,
      yesNo('available'),
    ] satisfies Column[],
    needs: [
      { field: 'title', header: 'field.title', render: (r) => recordLink('needs', r) },
      { field: 'field', header: 'field.field' },
      owner,
      prefecture,
      { field: 'postedOn', header: 'field.postedOn' },
      yesNo('open'),
    ] satisfies Column[],
    programmes: [
      {
        field: 'name',
        header: 'common.name',
        render: (r) => {
          // A programme's English name in the English view; its Japanese name marked as such.
          const name = language === 'en' && text(r, 'nameEn') ? text(r, 'nameEn') : text(r, 'name');
          return (
            <Link
              href={`/programmes/${encodeURIComponent(text(r, 'id'))}`}
              lang={scriptLanguage(name)}
            >
              {name}
            </Link>
          );
        },
      },
      { field: 'ministry', header: 'field.ministry' },
      { field: 'startFy', header: 'field.startFy' },
      endFy,
      {
        field: 'type',
        header: 'field.type',
        render: (r) => (text(r, 'type') ? label('programmeType', text(r, 'type')) : '—'),
      },
    ] satisfies Column[],
    adoptions: [
      { field: 'regionName', header: 'field.regionName' },
      { field: 'programmeId', header: 'field.programme' },
      {
        field: 'prefectureCodes',
        header: 'actors.prefecture',
        render: (r) =>
          Array.isArray(r['prefectureCodes'])
            ? r['prefectureCodes'].map((c) => prefectureName(String(c))).join('・')
            : '—',
      },
      { field: 'theme', header: 'field.theme' },
      { field: 'coreInstitution', header: 'field.coreInstitution' },
      { field: 'startFy', header: 'field.startFy' },
      endFy,
      {
        field: 'finalGrade',
        header: 'field.finalGrade',
        render: (r) => text(r, 'finalGrade') || t('ui2.unknown'),
      },
      {
        field: 'continuation',
        header: 'field.continuation',
        render: (r) => label('continuation', text(r, 'continuation') || 'unknown'),
      },
    ] satisfies Column[],
  };
}

/** Browse the registered seeds and needs (the needs the viewer may see). */
export function SeedsNeedsBrowser() {
  const { t } = useI18n();
  const columns = useColumns();
  const [tab, setTab] = useState<'seeds' | 'needs'>('seeds');
  return (
    <div>
      <div className="tabs" role="tablist" aria-label={t('matching.browse')}>
        {(['seeds', 'needs'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(name === 'seeds' ? 'matching.seeds' : 'matching.needs')}
          </button>
        ))}
      </div>
      <WriteActions entity={tab} newHref={`/${tab}/new`} />
      <div role="tabpanel">
        {tab === 'seeds' ? (
          <EntityList entity="seeds" caption={t('matching.seeds')} columns={columns.seeds} />
        ) : (
          <EntityList entity="needs" caption={t('matching.needs')} columns={columns.needs} />
        )}
      </div>
    </div>
  );
}

export function ProgrammesPage() {
  const { t } = useI18n();
  const columns = useColumns();
  return (
    <section aria-labelledby="programmes-heading">
      <h1 id="programmes-heading">{t('programmes.title')}</h1>
      <WriteActions entity="programmes" newHref="/programmes/new" />
      <WriteActions entity="adoptions" newHref="/adoptions/new" />
      <p>
        {t('programmes.intro')} <Link href="/continuation">{t('programmes.toContinuation')}</Link>{' '}
        <Link href="/indicators">{t('formsMore.indicator.link')}</Link>
      </p>
      <EntityList
        entity="programmes"
        caption={t('programmes.programmes')}
        columns={columns.programmes}
        freshness
      />
      <EntityList
        entity="adoptions"
        caption={t('programmes.adoptions')}
        columns={columns.adoptions}
        freshness
      />
    </section>
  );
}
