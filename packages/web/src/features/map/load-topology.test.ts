import { describe, expect, it } from 'vitest';
import { isTopologyWith } from './load-topology.ts';

describe('boundary files', () => {
  const topology = {
    type: 'Topology',
    arcs: [],
    objects: { prefectures: { type: 'GeometryCollection', geometries: [] } },
  };

  it('accepts a topology holding the named collection', () => {
    expect(isTopologyWith(topology, 'prefectures')).toBe(true);
  });

  it('refuses anything else: another collection, another type, not an object', () => {
    expect(isTopologyWith(topology, 'municipalities')).toBe(false);
    expect(isTopologyWith({ ...topology, type: 'FeatureCollection' }, 'prefectures')).toBe(false);
    expect(isTopologyWith({ type: 'Topology', objects: null }, 'prefectures')).toBe(false);
    expect(isTopologyWith('<!doctype html>', 'prefectures')).toBe(false);
    expect(isTopologyWith(null, 'prefectures')).toBe(false);
  });
});
