import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, JP_ROR } from '#test/connector-input.ts';
import { rorConnector } from './ror.ts';

describe('ROR connector', () => {
  it('reads the Japanese organisations (JSON and CSV alike) and says which prefectures it will not guess', async () => {
    const json = await parseAll(
      rorConnector,
      fileInput(`${JP_ROR}/ror-jp-organizations.json`, 1 << 20),
    );
    const csv = await parseAll(
      rorConnector,
      fileInput(`${JP_ROR}/ror-jp-organizations.csv`, 1 << 20),
    );
    const jsonActors = ofType(json, 'actor');
    expect(jsonActors.length).toBeGreaterThan(5000);
    expect(ofType(csv, 'actor').map((a) => a.keys.ror)).toEqual(jsonActors.map((a) => a.keys.ror));
    const enri = jsonActors.find((a) => a.keys.ror === '000050t83');
    expect(enri?.fields).toMatchObject({
      name: '電子航法研究所',
      nameEn: 'Electronic Navigation Research Institute',
      prefectureCode: '13',
    });
    const unsure = ofType(json, 'skipped').filter((s) => /prefecture/.test(s.reason));
    // About 5% of the Japanese records have a wrong or empty prefecture.
    expect(unsure.length / 5547).toBeGreaterThan(0.02);
    expect(unsure.length / 5547).toBeLessThan(0.08);
    expect(unsure.some((s) => /石川県工業試験場/.test(s.reason))).toBe(true);
  });

  it('reads dump records of schema v2 and v1, foreign ones with their country', async () => {
    const v2 = {
      id: 'https://ror.org/00p4k0j84',
      names: [
        { value: 'Kyushu University', types: ['ror_display', 'label'], lang: 'en' },
        { value: '九州大学', types: ['label'], lang: 'ja' },
      ],
      types: ['education'],
      status: 'active',
      locations: [
        {
          geonames_id: 1,
          geonames_details: {
            country_code: 'JP',
            country_subdivision_code: '40',
            name: 'Fukuoka',
            lat: 33.6,
            lng: 130.4,
          },
        },
      ],
      links: [{ type: 'website', value: 'https://www.kyushu-u.ac.jp' }],
      relationships: [],
    };
    const v1 = {
      id: 'https://ror.org/01qz5mb56',
      name: 'Oak Ridge National Laboratory',
      labels: [],
      aliases: [],
      types: ['Facility'],
      status: 'active',
      country: { country_code: 'US' },
      addresses: [
        { lat: 35.9, lng: -84.3, geonames_city: { geonames_admin1: { name: 'Tennessee' } } },
      ],
      links: [],
    };
    const outputs = await parseAll(rorConnector, inputOf('dump.json', JSON.stringify([v2, v1])));
    const [kyushu, ornl] = ofType(outputs, 'actor');
    expect(kyushu?.fields).toMatchObject({
      name: '九州大学',
      prefectureCode: '40',
      sector: 'university',
      countryCode: 'JP',
    });
    expect(ornl?.fields).toMatchObject({ countryCode: 'US', sector: 'national_lab' });
    expect(ornl?.fields.prefectureCode).toBeUndefined();
  });

  it('rejects a wrong checksum and refuses other files', async () => {
    const outputs = await parseAll(
      rorConnector,
      inputOf('x.csv', 'ror_id,name,pref_code\n000050t84,X,13\n'),
    );
    expect(ofType(outputs, 'rejected')[0]).toMatchObject({ at: 'line 2', field: 'id' });
    await expect(parseAll(rorConnector, inputOf('x.csv', 'a,b\n1,2\n'))).rejects.toThrow(
      /not a ROR/,
    );
  });
});
