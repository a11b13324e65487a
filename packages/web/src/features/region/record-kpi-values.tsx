/**
 * "Record a KPI's measured value" under a region strategy, for the accounts that may write the
 * area's indicators (a prefecture's own members, coordinators, administrators; the core's rule,
 * asked again by the server): one link per KPI to the indicator form with the area, metric and
 * unit filled in. Loaded lazily with the forms (zod stays out of the main bundle).
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayWrite } from '../forms/may-write.ts';

export interface KpiToRecord {
  metric: string;
  unit: string;
  label: string | null;
}

export function RecordKpiValues({
  areaType,
  areaCode,
  targets,
}: {
  areaType: string;
  areaCode: string;
  targets: readonly KpiToRecord[];
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  if (!mayWrite(account, 'indicators', 'create', { areaType, areaCode })) return null;
  const metrics = [...new Map(targets.map((k) => [k.metric, k])).values()];
  if (metrics.length === 0) return null;
  return (
    <div className="stack" data-testid="record-kpi-values">
      <h3>{t('government.recordValues')}</h3>
      <p className="muted">{t('government.recordIntro')}</p>
      <div className="write-actions">
        {metrics.map((k) => (
          <Link
            key={k.metric}
            className="button secondary"
            data-metric={k.metric}
            href={hrefOf('/indicators/new', { areaType, areaCode, metric: k.metric, unit: k.unit })}
          >
            {t('government.recordValue', { name: k.label ?? k.metric })}
          </Link>
        ))}
      </div>
    </div>
  );
}
