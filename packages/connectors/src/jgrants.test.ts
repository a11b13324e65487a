import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { jgrantsConnector, prefecturesOfTargetArea } from './jgrants.ts';

describe('jGrants connector', () => {
  it('turns a subsidy call into a support measure, nationwide', async () => {
    const outputs = await parseAll(
      jgrantsConnector,
      fileInput(samplePath('jgrants', 'subsidies_list_record_from_fixture.json')),
    );
    expect(ofType(outputs, 'support-measure')).toEqual([
      expect.objectContaining({
        key: 'jgrants-a0WJ200000CDdbOMAT',
        name: '経済安全保障重要技術育成プログラムの公募',
        prefectureCodes: [],
        startDate: '2026-07-29',
        endDate: '2026-08-12',
      }),
    ]);
  });

  it('reads regions and prefectures of target_area_search', () => {
    expect(prefecturesOfTargetArea('東北地方 / 新潟県').codes).toEqual([
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '15',
    ]);
    expect(prefecturesOfTargetArea('どこか').unknown).toEqual(['どこか']);
    // Dirty text that names what every object inherits is unknown, not a region.
    expect(prefecturesOfTargetArea('constructor / toString')).toEqual({
      codes: [],
      unknown: ['constructor', 'toString'],
    });
  });

  it('refuses another shape', async () => {
    await expect(
      parseAll(jgrantsConnector, inputOf('x.json', '{"hojin-infos": []}')),
    ).rejects.toThrow(/not a jGrants/);
  });
});
