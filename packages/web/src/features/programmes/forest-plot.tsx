import { formatSignificant } from './stat-format.ts';

export interface ForestRow {
  key: string;
  label: string;
  /** Odds ratio and its interval; null when not computable (the row is then labelled, not drawn). */
  estimate: number | null;
  low: number | null;
  high: number | null;
  supported: boolean;
}

const PLOT = 430;
const ROW = 28;
const TOP = 10;
const AXIS = 34;
const DOMAIN: [number, number] = [0.01, 100];

/** Rough width of a label at 12px: CJK characters are about twice as wide as Latin ones. */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 12 : 6.8;
  return w;
}

/** Ticks on the log axis that fall inside the domain. */
const TICKS = [0.01, 0.1, 0.25, 0.5, 1, 2, 4, 10, 100];

/**
 * A forest plot of odds ratios with their 95% intervals on a log axis, the line of no effect at 1.
 * Intervals beyond the axis end in an arrow. The numbers are in the table beside it.
 */
export function ForestPlot({
  rows,
  title,
  language,
  noEffectLabel,
}: {
  rows: ForestRow[];
  title: string;
  language: string;
  noEffectLabel: string;
}) {
  const LABEL = Math.min(330, Math.max(120, ...rows.map((r) => labelWidth(r.label) + 8)));
  const WIDTH = LABEL + PLOT;
  const finite = rows.flatMap((r) =>
    [r.low, r.high, r.estimate].filter((v): v is number => v !== null && v > 0),
  );
  const lo = Math.max(DOMAIN[0], Math.min(0.5, ...finite));
  const hi = Math.min(DOMAIN[1], Math.max(2, ...finite));
  const min = Math.log10(lo);
  const max = Math.log10(hi);
  const plotLeft = LABEL + 10;
  const plotRight = WIDTH - 16;
  const x = (v: number) => {
    const t = (Math.log10(Math.min(hi, Math.max(lo, v))) - min) / (max - min);
    return plotLeft + t * (plotRight - plotLeft);
  };
  const height = TOP + rows.length * ROW + AXIS;
  const axisY = TOP + rows.length * ROW;
  const ticks = TICKS.filter((t) => t >= lo && t <= hi);
  return (
    <svg
      className="forest-plot"
      data-testid="forest-plot"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      <line x1={x(1)} x2={x(1)} y1={TOP - 4} y2={axisY} className="no-effect" />
      {rows.map((r, i) => {
        const y = TOP + i * ROW + ROW / 2;
        const drawn = r.estimate !== null && r.low !== null && r.high !== null && r.estimate > 0;
        return (
          <g key={r.key} className={r.supported ? 'row supported' : 'row'}>
            <text x={LABEL} y={y + 4} textAnchor="end" className="label">
              {r.label}
            </text>
            {drawn && r.low !== null && r.high !== null && r.estimate !== null ? (
              <>
                <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} className="ci" />
                {r.low < lo ? <path d={`M${x(lo)},${y} l6,-4 v8 z`} className="clipped" /> : null}
                {r.high > hi ? <path d={`M${x(hi)},${y} l-6,-4 v8 z`} className="clipped" /> : null}
                <rect x={x(r.estimate) - 5} y={y - 5} width={10} height={10} className="point">
                  <title>
                    {`${r.label}: ${formatSignificant(r.estimate, language)} (${formatSignificant(r.low, language)}–${formatSignificant(r.high, language)})`}
                  </title>
                </rect>
              </>
            ) : (
              <text x={plotLeft} y={y + 4} className="missing">
                —
              </text>
            )}
          </g>
        );
      })}
      <line x1={plotLeft} x2={plotRight} y1={axisY} y2={axisY} className="axis" />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={axisY} y2={axisY + 4} className="axis" />
          <text x={x(t)} y={axisY + 16} textAnchor="middle" className="tick">
            {formatSignificant(t, language)}
          </text>
        </g>
      ))}
      <text x={x(1)} y={axisY + 30} textAnchor="middle" className="tick">
        {noEffectLabel}
      </text>
    </svg>
  );
}
