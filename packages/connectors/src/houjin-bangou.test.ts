import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { houjinBangouConnector } from './houjin-bangou.ts';

const diffFile = samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv');

describe('法人番号 connector', () => {
  it('reads the Unicode 差分 file: one actor per newest row, closures, history names', async () => {
    const outputs = await parseAll(houjinBangouConnector, fileInput(diffFile, 97));
    const lines = readFileSync(diffFile, 'utf8').trim().split('\n');
    expect(outputs).toHaveLength(lines.length);
    expect(ofType(outputs, 'rejected')).toEqual([]);
    const actors = ofType(outputs, 'actor');
    const etoile = actors.find((a) => a.keys.corporateNumber === '1010001001210');
    expect(etoile?.fields).toMatchObject({
      name: 'エトワール株式会社',
      sector: 'company',
      prefectureCode: '13',
      municipalityCode: '131059',
      nameKana: 'エトワール',
    });
    expect(etoile?.closure).toEqual({ date: '2021-09-24', cause: '清算の結了等' });
    expect(actors.some((a) => a.closure?.successorCorporateNumber)).toBe(true);
    const history = ofType(outputs, 'skipped');
    for (const skipped of history) expect(skipped.reason).toMatch(/latest = 0/);
  });

  it('leaves out a closure cause it does not know, also one named like an inherited property', async () => {
    const etoile = readFileSync(diffFile, 'utf8')
      .split('\n')
      .find((line) => line.includes(',1010001001210,'));
    if (etoile === undefined) throw new Error('sample row missing');
    for (const cause of ['99', 'constructor']) {
      const row = etoile.replace(',2021-09-24,01,', `,2021-09-24,${cause},`);
      expect(row).not.toBe(etoile);
      const outputs = await parseAll(houjinBangouConnector, inputOf('diff.csv', row, 1));
      expect(ofType(outputs, 'actor')[0]?.closure).toEqual({ date: '2021-09-24' });
    }
  });

  it('reads the Shift_JIS variant to the same records', async () => {
    const utf8 = readFileSync(diffFile, 'utf8');
    const sjis = iconv.encode(utf8, 'cp932');
    const fromSjis = await parseAll(houjinBangouConnector, inputOf('diff.csv', sjis, 50));
    const fromUtf8 = await parseAll(houjinBangouConnector, fileInput(diffFile));
    expect(fromSjis).toEqual(fromUtf8);
  });

  it('reads Web-API v4 XML and CSV answers', async () => {
    const xml = await parseAll(
      houjinBangouConnector,
      fileInput(samplePath('houjin-bangou', 'webapi_v4_num_response.xml')),
    );
    expect(ofType(xml, 'actor')[0]?.fields).toMatchObject({
      name: 'ＡｋｋｅｙＬａｂ株式会社',
      municipalityCode: '131130',
    });
    const diff = await parseAll(
      houjinBangouConnector,
      fileInput(samplePath('houjin-bangou', 'webapi_v4_diff_response_excerpt.xml')),
    );
    expect(ofType(diff, 'actor').length + ofType(diff, 'skipped').length).toBe(2);
    const csv = await parseAll(
      houjinBangouConnector,
      fileInput(samplePath('houjin-bangou', 'webapi_v4_csv_response_spec_example.csv')),
    );
    expect(ofType(csv, 'actor').map((a) => a.keys.corporateNumber)).toEqual(['5111101000006']);
  });

  it('rejects a wrong check digit, naming the row and column in both languages', async () => {
    const line = readFileSync(diffFile, 'utf8').split('\n')[0] ?? '';
    const broken = line.replace('1010001001210', '2010001001210');
    const outputs = await parseAll(houjinBangouConnector, inputOf('bad.csv', `${broken}\n`));
    expect(ofType(outputs, 'rejected')).toEqual([
      expect.objectContaining({
        at: 'line 1',
        field: 'corporateNumber',
        reason: expect.stringMatching(/check digit/),
        reasonJa: expect.stringMatching(/チェックデジット/),
      }),
    ]);
  });

  it('refuses a truncated file, a file of another source and mixed encodings', async () => {
    const text = readFileSync(diffFile, 'utf8');
    await expect(
      parseAll(houjinBangouConnector, inputOf('cut.csv', text.slice(0, text.length - 40))),
    ).rejects.toThrow(/truncated/);
    await expect(
      parseAll(
        houjinBangouConnector,
        fileInput(samplePath('gbizinfo', 'subsidy_miyagi_rioto3_sample.csv')),
      ),
    ).rejects.toThrow(/30 columns/);
    await expect(
      parseAll(
        houjinBangouConnector,
        fileInput(samplePath('jgrants', 'subsidies_list_record_from_fixture.json')),
      ),
    ).rejects.toThrow(/not a 法人番号/);
    const [first, second] = text.split('\n');
    const mixed = Buffer.concat([
      Buffer.from(`${first}\n`, 'utf8'),
      iconv.encode(`${second}\n`, 'cp932'),
    ]);
    await expect(parseAll(houjinBangouConnector, inputOf('mixed.csv', mixed))).rejects.toThrow(
      /mixed encodings/,
    );
  });
});
