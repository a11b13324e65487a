/** The network view's legend: what the colours, the tie widths and the broker mark mean. */
import { sectorColour } from '#core/sector-colours.ts';
import { communityColour } from '../../colors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { edgeWeightSteps, type ColourMode } from './network-graph.ts';

export interface LegendCommunity {
  index: number;
  name: string;
  count: number;
}

export function NetworkLegend({
  mode,
  sectors,
  communities,
  weights,
}: {
  mode: ColourMode;
  sectors: readonly string[];
  /** The communities drawn, largest first. */
  communities: readonly LegendCommunity[];
  weights: readonly number[];
}) {
  const { t, label, number } = useI18n();
  const shown = communities.slice(0, 12);
  return (
    <section
      className="panel network-legend"
      aria-labelledby="network-legend-heading"
      data-testid="network-legend"
    >
      <h2 id="network-legend-heading">{t('network2.legend')}</h2>
      <h3>
        {mode === 'community' ? t('network2.legendCommunities') : t('network2.legendSectors')}
      </h3>
      <ul className="legend legend-column">
        {mode === 'community'
          ? shown.map((c) => (
              <li key={c.index}>
                <span
                  className="swatch"
                  style={{ background: communityColour(c.index) }}
                  aria-hidden="true"
                />
                {c.name} ({number(c.count)})
              </li>
            ))
          : sectors.map((s) => (
              <li key={s}>
                <span
                  className="swatch"
                  style={{ background: sectorColour(s) }}
                  aria-hidden="true"
                />
                {label('sector', s)}
              </li>
            ))}
        {mode === 'community' && communities.length > shown.length ? (
          <li>{t('network2.moreCommunities', { count: communities.length - shown.length })}</li>
        ) : null}
      </ul>
      <h3>{t('network2.legendEdges')}</h3>
      <ul className="legend legend-column" data-testid="network-legend-edges">
        {edgeWeightSteps(weights).map((step) => (
          <li key={step.weight}>
            <svg width="40" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="40" y2="5" stroke="#3a4250" strokeWidth={step.size} />
            </svg>
            {t('network2.edgeWeight', { weight: number(step.weight, 1) })}
          </li>
        ))}
      </ul>
      <p className="stat-detail">{t('network2.edgeWeightNote')}</p>
      <h3>{t('network2.legendMarks')}</h3>
      <ul className="legend legend-column">
        <li>
          <span className="broker-mark" aria-hidden="true">
            ◆
          </span>
          {t('network2.brokerMark')}
        </li>
        <li>{t('network2.selectionMark')}</li>
      </ul>
    </section>
  );
}
