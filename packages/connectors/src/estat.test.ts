import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { classifyAreaCode, estatConnector } from './estat.ts';

describe('e-Stat connector', () => {
  it('reads getStatsData values as indicators of the nation and prefectures', async () => {
    const outputs = await parseAll(
      estatConnector,
      fileInput(samplePath('estat', 'getStatsData_0003065345_2016.json')),
    );
    const indicators = ofType(outputs, 'indicator');
    expect(indicators.map((i) => [i.areaType, i.areaCode, i.value])).toEqual([
      ['nation', '00', 9782],
      ['prefecture', '01', 440],
      ['prefecture', '02', 82],
    ]);
    expect(indicators[0]).toMatchObject({
      year: 2011,
      unit: '千人',
      metric: 'estat_0003065345_cat01_008_cat02_001_cat03_001',
    });
  });

  it('skips regional blocks and city-size classes, rejects codes that are no municipality', () => {
    expect(classifyAreaCode('00A02', '東北')).toHaveProperty('skip');
    expect(classifyAreaCode('00012', '大都市')).toHaveProperty('skip');
    expect(classifyAreaCode('13101', undefined)).toEqual({
      areaType: 'municipality',
      areaCode: '131016',
    });
    expect(classifyAreaCode('13999', undefined)).toHaveProperty('error');
  });

  it('names a value whose area is no municipality, and refuses other shapes', async () => {
    const answer = {
      GET_STATS_DATA: {
        RESULT: { STATUS: 0 },
        STATISTICAL_DATA: {
          TABLE_INF: { '@id': '0000000001' },
          DATA_INF: {
            VALUE: [
              { '@area': '13999', '@time': '2020000000', $: '5' },
              { '@area': '00A02', '@time': '2020000000', $: '5' },
            ],
          },
        },
      },
    };
    const outputs = await parseAll(estatConnector, inputOf('a.json', JSON.stringify(answer)));
    expect(ofType(outputs, 'rejected')[0]).toMatchObject({ at: 'VALUE[0]', field: '@area' });
    expect(ofType(outputs, 'skipped')).toHaveLength(1);
    await expect(
      parseAll(
        estatConnector,
        fileInput(samplePath('gbizinfo', 'v1_hojin_3011101042092_jigjp.json')),
      ),
    ).rejects.toThrow(/not a e-Stat/);
  });
});
