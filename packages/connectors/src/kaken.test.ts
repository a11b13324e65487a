import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { kakenConnector } from './kaken.ts';

describe('KAKEN connector', () => {
  it('reads 研究課題 XML: seed of the principal investigator, members, funding', async () => {
    const outputs = await parseAll(
      kakenConnector,
      fileInput(samplePath('kaken', 'SYNTHETIC_structure_projects_response.xml')),
    );
    const seeds = ofType(outputs, 'seed');
    expect(seeds.length).toBeGreaterThan(0);
    expect(seeds[0]).toMatchObject({
      key: 'KAKENHI-21K10000',
      title: '機械学習を用いた新しい研究手法の開発',
      owner: { kakenId: '12345678' },
      keywords: ['機械学習', '深層学習'],
    });
    expect(ofType(outputs, 'funding')[0]).toMatchObject({
      amount: 3_900_000,
      fiscalYear: 2021,
      programmeName: '科学研究費助成事業',
    });
    expect(ofType(outputs, 'relation')[0]).toMatchObject({
      relation: 'affiliation',
      to: { name: '東京大学' },
    });
  });

  it('reads 研究者 JSON with the researcher number and ORCID', async () => {
    const outputs = await parseAll(
      kakenConnector,
      fileInput(samplePath('kaken', 'SYNTHETIC_structure_researchers_response.json')),
    );
    expect(ofType(outputs, 'actor')[0]?.keys).toMatchObject({
      kakenId: '80802743',
      name: '田中 太郎',
    });
  });

  it('reads the CSV export by its Japanese columns', async () => {
    const csv =
      '研究課題名,研究課題/領域番号,研究期間 (年度),キーワード,研究代表者,研究機関,総配分額\n"騒音は生物多様性の重大脅威か？",19K24377,2019-04-01 – 2021-03-31,"騒音汚染 / 鳥類","山田 太郎 東京大学 (12345678)","東京大学 (12601)",4160000\n';
    const outputs = await parseAll(kakenConnector, inputOf('kaken.csv', csv));
    expect(ofType(outputs, 'seed')[0]).toMatchObject({
      key: 'KAKENHI-19K24377',
      keywords: ['騒音汚染', '鳥類'],
      owner: { kakenId: '12345678' },
    });
    expect(ofType(outputs, 'funding')[0]).toMatchObject({ amount: 4_160_000, fiscalYear: 2019 });
  });

  it('refuses truncated XML and files of other sources', async () => {
    await expect(
      parseAll(
        kakenConnector,
        inputOf('cut.xml', '<grantAwards><grantAward awardNumber="1"><summary>'),
      ),
    ).rejects.toThrow(/truncated/);
    await expect(
      parseAll(
        kakenConnector,
        fileInput(samplePath('jgrants', 'subsidies_list_record_from_fixture.json')),
      ),
    ).rejects.toThrow(/not a KAKEN/);
    await expect(
      parseAll(
        kakenConnector,
        fileInput(samplePath('houjin-bangou', 'webapi_v4_num_response.xml')),
      ),
    ).rejects.toThrow(/not a KAKEN/);
  });
});
