import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  municipalityBoundaries,
  prefectureBoundaries,
  readPrefectureBoundaries,
} from './prefecture-boundaries.ts';

describe('prefecture boundaries for the report', () => {
  it('reads the web app’s boundary file from the sources', () => {
    const topology = prefectureBoundaries();
    expect(topology?.objects.prefectures.geometries).toHaveLength(47);
    expect(municipalityBoundaries('13')?.objects.municipalities.geometries.length).toBeGreaterThan(
      50,
    );
    // only a two-digit code names a file
    expect(municipalityBoundaries('../prefectures')).toBeNull();
    expect(municipalityBoundaries('99')).toBeNull();
  });

  it('skips a missing file and one that is not a prefecture topology', () => {
    const dir = mkdtempSync(join(tmpdir(), 'musubi-geo-'));
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ type: 'Topology', objects: { other: {} } }));
    expect(readPrefectureBoundaries([join(dir, 'none.json'), wrong])).toBeNull();
  });
});
