import { stepPath, type KmPoint } from './km-steps.ts';

export interface KmGroup {
  label: string;
  curve: KmPoint[];
}

export const KM_COLOURS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#a16207', '#be185d'];

const WIDTH = 560;
const HEIGHT = 280;
const LEFT = 44;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 40;

/**
 * Kaplan–Meier curves per group as step plots: years after the programme's end on x, the share
 * still active on y; ticks mark censored records (still active at the observation year).
 */
export function KmPlot({
  groups,
  title,
  xLabel,
  yLabel,
}: {
  groups: KmGroup[];
  title: string;
  xLabel: string;
  yLabel: string;
}) {
  const times = groups.flatMap((g) =>
    g.curve.map((p) => p.time).filter((t): t is number => t !== null),
  );
  const maxTime = Math.max(1, ...times);
  const x = (t: number) => LEFT + (t / maxTime) * (WIDTH - LEFT - RIGHT);
  const y = (s: number) => TOP + (1 - s) * (HEIGHT - TOP - BOTTOM);
  const xTicks = Array.from({ length: Math.floor(maxTime) + 1 }, (_, i) => i).filter(
    (t) => maxTime <= 12 || t % 2 === 0,
  );
  return (
    <svg
      className="km-plot"
      data-testid="km-plot"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((s) => (
        <g key={s}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(s)} y2={y(s)} className="grid-line" />
          <text x={LEFT - 6} y={y(s) + 4} textAnchor="end" className="tick">
            {s.toFixed(2)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={t} x={x(t)} y={HEIGHT - BOTTOM + 16} textAnchor="middle" className="tick">
          {t}
        </text>
      ))}
      <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} className="axis" />
      <line x1={LEFT} x2={LEFT} y1={y(1)} y2={y(0)} className="axis" />
      <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 6} textAnchor="middle" className="tick">
        {xLabel}
      </text>
      <text
        x={12}
        y={(TOP + HEIGHT - BOTTOM) / 2}
        textAnchor="middle"
        className="tick"
        transform={`rotate(-90 12 ${(TOP + HEIGHT - BOTTOM) / 2})`}
      >
        {yLabel}
      </text>
      {groups.map((g, i) => {
        const colour = KM_COLOURS[i % KM_COLOURS.length];
        return (
          <g key={g.label}>
            <path
              d={stepPath(g.curve, x, y)}
              className="km-curve"
              data-group={g.label}
              stroke={colour}
              fill="none"
            />
            {g.curve
              .filter((p) => (p.censored ?? 0) > 0 && p.time !== null && p.survival !== null)
              .map((p) => (
                <line
                  key={`c${p.time}`}
                  x1={x(p.time ?? 0)}
                  x2={x(p.time ?? 0)}
                  y1={y(p.survival ?? 0) - 4}
                  y2={y(p.survival ?? 0) + 4}
                  stroke={colour}
                  className="censor"
                />
              ))}
          </g>
        );
      })}
    </svg>
  );
}
