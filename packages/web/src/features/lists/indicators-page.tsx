/**
 * The indicators measured per area and year (`/indicators`): a searchable list, each linked to
 * its page, with "new indicator" for the accounts that may write. Loaded lazily: the link needs
 * the indicator's key, which the core derives from its area, year and metric.
 */
import { indicatorKey, ZIndicator } from '#core/entities/indicator.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { EntityList, type Column } from './entity-list.tsx';

function keyOf(record: Record<string, unknown>): string | null {
  const parsed = ZIndicator.safeParse(record);
  return parsed.success ? indicatorKey(parsed.data) : null;
}

export function IndicatorsPage() {
  const { t, label } = useI18n();
  const columns: Column[] = [
    {
      field: 'metric',
      header: 'forms2.strategy.metric',
      render: (r) => {
        const key = keyOf(r);
        const metric = String(r['metric'] ?? '');
        return key === null ? (
          metric
        ) : (
          <Link href={`/indicators/${encodeURIComponent(key)}`}>{metric}</Link>
        );
      },
    },
    {
      field: 'areaType',
      header: 'forms2.area.type',
      render: (r) => label('formsMore.areaTypes', String(r['areaType'] ?? '')),
    },
    { field: 'areaCode', header: 'forms2.area.code' },
    { field: 'year', header: 'field.year' },
    { field: 'value', header: 'formsMore.indicator.value', numeric: true },
    { field: 'unit', header: 'forms.project.unit' },
  ];
  return (
    <section aria-labelledby="indicators-heading">
      <h1 id="indicators-heading">{t('formsMore.indicator.title')}</h1>
      <WriteActions entity="indicators" newHref="/indicators/new" />
      <p>{t('formsMore.indicator.intro')}</p>
      <EntityList entity="indicators" caption={t('formsMore.indicator.title')} columns={columns} />
    </section>
  );
}
