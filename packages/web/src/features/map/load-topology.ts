/**
 * Boundaries are static files served beside the app (`/geo/…`, built from the national land
 * data), not routes of the API, so the contract does not describe them: this loader reads one
 * and checks that it is a TopoJSON topology holding the named geometry collection before the map
 * projects it.
 */
import type { GeoJsonProperties } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { fetchJson } from '../../api/client.ts';

type Boundaries<K extends string, P extends GeoJsonProperties> = Topology<
  Record<K, GeometryCollection<P>>
>;

/** True when `value` is a topology whose `objects[name]` is a geometry collection. */
export function isTopologyWith<K extends string, P extends GeoJsonProperties>(
  value: unknown,
  name: K,
): value is Boundaries<K, P> {
  if (typeof value !== 'object' || value === null) return false;
  const { type, objects } = value as { type?: unknown; objects?: unknown };
  if (type !== 'Topology' || typeof objects !== 'object' || objects === null) return false;
  const collection = (objects as Record<string, unknown>)[name];
  return (
    typeof collection === 'object' &&
    collection !== null &&
    (collection as { type?: unknown }).type === 'GeometryCollection'
  );
}

/** Loads the boundary file at `url`; fails when it holds no `name` collection. */
export async function loadTopology<K extends string, P extends GeoJsonProperties>(
  url: string,
  name: K,
  signal?: AbortSignal,
): Promise<Boundaries<K, P>> {
  const value = await fetchJson<unknown>(url, signal);
  if (!isTopologyWith<K, P>(value, name))
    throw new Error(`${url} is not a TopoJSON topology with "${name}"`);
  return value;
}
