/** Pieces the national and the municipality map share: inset frames and the ranked table. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { InsetBox } from '#core/map/map-insets.ts';

/** The frame and name of an inset box; the shape itself is drawn with the map's other paths. */
export function InsetFrame({ box, code, name }: { box: InsetBox; code: string; name: string }) {
  return (
    <g data-testid="map-inset" data-code={code}>
      <rect className="map-inset" x={box.x} y={box.y} width={box.width} height={box.height} />
      <text
        className="map-inset-label"
        x={box.x + box.width / 2}
        y={box.y + box.height - 6}
        textAnchor="middle"
      >
        {name}
      </text>
    </g>
  );
}

export interface RankedRow {
  readonly code: string;
  readonly name: string;
  readonly value: number;
}

/** The map's values as a table, largest first, ties by code (the map's text alternative). */
export function RankedTable({
  caption,
  placeHeader,
  unit,
  rows,
  testId,
}: {
  caption: ReactNode;
  placeHeader: string;
  unit: string;
  rows: readonly RankedRow[];
  testId?: string;
}) {
  const { t, number } = useI18n();
  const ranked = [...rows].sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  return (
    <details style={{ marginTop: '0.75rem' }} data-testid={testId}>
      <summary>{t('map.table')}</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('map.rank')}</th>
            <th scope="col">{placeHeader}</th>
            <th scope="col" className="num">
              {t('map.value')} ({unit})
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((row, i) => (
            <tr key={row.code} data-code={row.code}>
              <td>{i + 1}</td>
              <th scope="row">{row.name}</th>
              <td className="num">{number(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
