/**
 * Japan by prefecture on one SVG: the inset frame (沖縄県) and one path per prefecture, each filled
 * as the page says. The national map and the regional strengths draw with it; what a prefecture
 * says and does (its label, class, role, what choosing it does) is the page's.
 */
import type { ReactNode } from 'react';
import { InsetFrame } from './map-parts.tsx';
import { MAP_HEIGHT, MAP_WIDTH, type PrefectureShape } from './prefecture-shapes.tsx';

/** What one prefecture's path says and does. */
export interface PrefecturePath {
  fill: string | undefined;
  className: string;
  /** Its accessible name and tooltip. */
  label: string;
  /** `button` when choosing it does something (`onActivate`), else `img`. */
  role: 'img' | 'button';
  /** Further `data-` attributes (without the prefix); `data-code` is always set. */
  data?: Record<string, string | number>;
  /** Hovered or focused. */
  onFocus?: () => void;
  /** Clicked, or Enter / Space pressed on it. */
  onActivate?: () => void;
}

const dataAttributes = (data: Record<string, string | number> = {}) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`data-${key}`, value]));

export function PrefectureMap({
  shapes,
  nameOf,
  label,
  testId,
  data,
  pathOf,
  children,
}: {
  shapes: readonly PrefectureShape[];
  nameOf: (code: string) => string;
  /** The map's accessible name. */
  label: string;
  testId: string;
  /** `data-` attributes of the SVG (without the prefix). */
  data?: Record<string, string | number>;
  pathOf: (code: string) => PrefecturePath;
  /** Drawn over the prefectures (overlays). */
  children?: ReactNode;
}) {
  return (
    <svg
      className="map-svg"
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      role="group"
      aria-label={label}
      data-testid={testId}
      {...dataAttributes(data)}
    >
      {shapes.map((s) =>
        s.inset ? (
          <InsetFrame key={`inset-${s.code}`} box={s.inset} code={s.code} name={nameOf(s.code)} />
        ) : null,
      )}
      {shapes.map((s) => {
        const path = pathOf(s.code);
        const activate = path.onActivate;
        return (
          <path
            key={s.code}
            className={path.className}
            d={s.path}
            fill={path.fill}
            tabIndex={0}
            role={path.role}
            aria-label={path.label}
            data-code={s.code}
            {...dataAttributes(path.data)}
            onMouseEnter={path.onFocus}
            onFocus={path.onFocus}
            onClick={activate}
            onKeyDown={
              activate
                ? (e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      activate();
                    }
                  }
                : undefined
            }
          >
            <title>{path.label}</title>
          </path>
        );
      })}
      {children}
    </svg>
  );
}
