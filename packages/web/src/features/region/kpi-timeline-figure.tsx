/**
 * KPI timelines of a region strategy as charts, grouped by the three values: per KPI the targets by
 * year (dashed) against the measured values (solid). Each chart is an image with a title and a
 * description for screen readers, and its numbers follow in a table.
 */
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { NOWRAP } from './region-scope.tsx';
import {
  KPI_CHART_FRAME,
  kpiChart,
  timelinesByValue,
  type StrategyTimeline,
  type ValueKind,
} from './kpi-timeline-chart.ts';

const VALUE_COLOURS: Record<ValueKind, string> = {
  social: '#15803d',
  industrial: '#0b5cad',
  economic: '#b45309',
};

const GRID = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 20rem), 1fr))',
  gap: '1rem',
} as const;

function LegendLine({ colour, dashed }: { colour: string; dashed: boolean }) {
  return (
    <svg width="28" height="10" aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <line
        x1="2"
        x2="26"
        y1="5"
        y2="5"
        stroke={colour}
        strokeWidth="2"
        strokeDasharray={dashed ? '5 3' : undefined}
      />
      <circle
        cx="14"
        cy="5"
        r="3"
        fill={dashed ? '#fff' : colour}
        stroke={colour}
        strokeWidth="1.5"
      />
    </svg>
  );
}

function KpiTimelineChart({ line, name }: { line: StrategyTimeline; name: string }) {
  const { t, number } = useI18n();
  const id = useId();
  const chart = kpiChart(line);
  const colour = VALUE_COLOURS[line.value];
  const f = KPI_CHART_FRAME;
  const n = (v: number | null) => (v === null ? '—' : number(v, 1));
  const title = t('reportRoles.chartTitle', { metric: name, unit: line.unit });
  const describe = (points: readonly { year: number; value: number }[]) =>
    points.length === 0
      ? t('reportRoles.chartNone')
      : points.map((p) => `FY${p.year} ${n(p.value)}`).join(', ');
  const description = `${t('regionStrategy.actual')}: ${describe(chart.actual)}. ${t('regionStrategy.target')}: ${describe(chart.targets)}.`;
  return (
    <figure
      className="panel"
      style={{ margin: 0 }}
      data-testid="strategy-chart"
      data-metric={line.metric}
      data-value={line.value}
    >
      <svg
        viewBox={`0 0 ${f.width} ${f.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ display: 'block', maxWidth: '36rem', fontSize: 11 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {chart.yTicks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={f.left}
              x2={f.width - f.right}
              y1={tick.y}
              y2={tick.y}
              stroke="#e2e8f0"
              strokeWidth="1"
            />
            <text x={f.left - 5} y={tick.y + 4} textAnchor="end" fill="#475569">
              {number(tick.value)}
            </text>
          </g>
        ))}
        <line
          x1={f.left}
          x2={f.width - f.right}
          y1={chart.baseY}
          y2={chart.baseY}
          stroke="#64748b"
        />
        {chart.xTicks.map((tick) => (
          <text
            key={tick.year}
            x={tick.x}
            y={f.height - f.bottom + 15}
            textAnchor="middle"
            fill="#475569"
          >
            {tick.year}
          </text>
        ))}
        <text x={f.width - f.right} y={f.height - 3} textAnchor="end" fill="#475569">
          {t('regionStrategy.year')}
        </text>
        <text x={2} y={f.top - 2} fill="#475569" fontSize="10">
          {line.unit}
        </text>
        <path
          d={chart.targetPath}
          fill="none"
          stroke={colour}
          strokeWidth="2"
          strokeDasharray="5 3"
          data-series="target"
        />
        {chart.actualPaths.map((d) => (
          <path key={d} d={d} fill="none" stroke={colour} strokeWidth="2" data-series="actual" />
        ))}
        {chart.targets.map((p) => (
          <circle
            key={`t${p.year}`}
            cx={p.x}
            cy={p.y}
            r="4"
            fill="#fff"
            stroke={colour}
            strokeWidth="2"
            data-target={p.year}
          />
        ))}
        {chart.actual.map((p) => (
          <circle key={`a${p.year}`} cx={p.x} cy={p.y} r="3.5" fill={colour} data-actual={p.year} />
        ))}
      </svg>
      <figcaption>
        <strong>{name}</strong>{' '}
        <span className="stat-detail" style={NOWRAP}>
          <LegendLine colour={colour} dashed={false} /> {t('regionStrategy.actual')}{' '}
          <LegendLine colour={colour} dashed /> {t('regionStrategy.target')}
        </span>
      </figcaption>
      <details>
        <summary>{t('reportRoles.chartTable')}</summary>
        <table data-testid="strategy-timeline" className="keep-table">
          <caption>{t('regionStrategy.timeline', { metric: name, unit: line.unit })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('regionStrategy.year')}</th>
              <th scope="col" className="num">
                {t('regionStrategy.actual')}
              </th>
              <th scope="col" className="num">
                {t('regionStrategy.target')}
              </th>
            </tr>
          </thead>
          <tbody>
            {line.points.map((p) => (
              <tr key={p.year}>
                <th scope="row" style={NOWRAP}>
                  {p.year}
                </th>
                <td className="num">{n(p.actual)}</td>
                <td className="num">{n(p.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The strategy's KPI timelines, one chart per KPI under each of the three values. */
export function KpiTimelines({
  timelines,
  labelOf,
}: {
  timelines: readonly StrategyTimeline[];
  /** The KPI's name as the targets label it (else its metric code). */
  labelOf: (metric: string) => string;
}) {
  const { t, label } = useI18n();
  const groups = timelinesByValue(timelines);
  if (groups.length === 0) return null;
  return (
    <section className="stack" data-testid="strategy-charts">
      <h3>{t('reportRoles.chartsHeading')}</h3>
      {groups.map((group) => (
        <section key={group.value} className="stack" data-value={group.value}>
          <h4>{label('value', group.value)}</h4>
          <div style={GRID}>
            {group.timelines.map((line) => (
              <KpiTimelineChart key={line.metric} line={line} name={labelOf(line.metric)} />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
