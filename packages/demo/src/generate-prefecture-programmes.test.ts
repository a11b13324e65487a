import { describe, expect, it } from 'vitest';
import { ZProgramme } from '#core/entities/programme.ts';
import { PREFECTURES } from '#core/geo.ts';
import { generatePrefectureProgrammes } from './generate-prefecture-programmes.ts';

const governments = new Set(PREFECTURES.map((p) => `pref-${p.localGovernmentCode}`));

describe('prefectures’ own programmes in the demo', () => {
  it('gives every prefecture government one programme it owns, 静岡県 on its strategy’s theme', () => {
    const programmes = generatePrefectureProgrammes((id) => governments.has(id));
    expect(programmes).toHaveLength(47);
    expect(new Set(programmes.map((p) => p.ownerId))).toEqual(governments);
    for (const programme of programmes) expect(ZProgramme.safeParse(programme).success).toBe(true);
    const shizuoka = programmes.find((p) => p.ownerId === 'pref-220001');
    expect(shizuoka).toMatchObject({ id: 'prog-pref-22', ministry: '静岡県' });
    expect(shizuoka?.name).toContain('光・電子技術');
  });

  it('names no owner that is not an actor, and is the same on every run', () => {
    const onlyShizuoka = generatePrefectureProgrammes((id) => id === 'pref-220001');
    expect(onlyShizuoka.map((p) => p.id)).toEqual(['prog-pref-22']);
    const has = (id: string) => governments.has(id);
    expect(generatePrefectureProgrammes(has)).toEqual(generatePrefectureProgrammes(has));
  });
});
