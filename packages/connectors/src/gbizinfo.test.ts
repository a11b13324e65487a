import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { csvKindOf, gbizinfoConnector } from './gbizinfo.ts';

describe('gBizINFO connector', () => {
  it('reads a REST v1 hojin-info: the company and its patents (trademarks left out)', async () => {
    const outputs = await parseAll(
      gbizinfoConnector,
      fileInput(samplePath('gbizinfo', 'v1_hojin_3011101042092_jigjp.json')),
    );
    const [company] = ofType(outputs, 'actor');
    expect(company?.fields).toMatchObject({
      name: '株式会社ｊｉｇ．ｊｐ',
      prefectureCode: '18',
      sector: 'company',
    });
    expect(ofType(outputs, 'seed')).toEqual([]);
    expect(ofType(outputs, 'skipped').every((s) => /trademark|procurement/.test(s.reason))).toBe(
      true,
    );
    // Said in Japanese too, with the code a client may word itself.
    for (const skipped of ofType(outputs, 'skipped')) {
      expect(['trademark', 'procurement']).toContain(skipped.code);
      expect(skipped.reasonJa).toMatch(/商標|調達/);
    }
  });

  it('turns subsidies into funding and refunds into skipped rows', async () => {
    const json = await parseAll(
      gbizinfoConnector,
      fileInput(samplePath('gbizinfo', 'v1_updateInfo_subsidy_okinawa_excerpt.json')),
    );
    expect(ofType(json, 'funding').length).toBeGreaterThan(0);
    expect(ofType(json, 'funding')[0]).toMatchObject({
      recipient: { corporateNumber: '1000020470007' },
      funderName: '防衛省',
    });
    const csv = await parseAll(
      gbizinfoConnector,
      fileInput(samplePath('gbizinfo', 'subsidy_miyagi_programme_adoptions_rioto3.csv')),
    );
    const tohoku = ofType(csv, 'funding').find(
      (f) => f.programmeName === '地域イノベーション・エコシステム形成プログラム',
    );
    expect(tohoku).toMatchObject({
      recipient: { corporateNumber: '7370005002147' },
      amount: 100_000_000,
      fiscalYear: 2018,
    });
    const sample = await parseAll(
      gbizinfoConnector,
      fileInput(samplePath('gbizinfo', 'subsidy_miyagi_rioto3_sample.csv')),
    );
    expect(ofType(sample, 'skipped').some((s) => /refund/.test(s.reason))).toBe(true);
  });

  it('turns patent rows into patent seeds of their company', async () => {
    const outputs = await parseAll(
      gbizinfoConnector,
      fileInput(samplePath('gbizinfo', 'patent_sabae_from_gbizinfo_code4fukui.csv')),
    );
    const seeds = ofType(outputs, 'seed');
    expect(seeds.length).toBe(20);
    expect(seeds[0]).toMatchObject({ kind: 'patent', owner: { name: 'KBセーレン株式会社' } });
  });

  it('reads the bulk basic file by its column order under a Japanese header', async () => {
    const header =
      '法人番号,法人名,法人名ふりがな,法人名英語,登記記録の閉鎖等年月日,登記記録の閉鎖等の事由,本社所在地,郵便番号,都道府県,都道府県コード,市区町村,市区町村コード,番地,法人種別,処理区分,訂正区分,ステータス,代表者名,資本金,従業員数,男性,女性,事業概要,企業ホームページ,創業年,営業品目,設立年月日,資格等級,資格営業品目,最終更新日';
    const row =
      '3011101042092,株式会社ｊｉｇ．ｊｐ,じぐじぇーぴー,,,,福井県鯖江市新横江２丁目３番４号,9160042,福井県,18,鯖江市,207,新横江２丁目３番４号,301,,,-,福野泰介,10000000,20,,,ソフトウェア開発,https://jig.jp/,2003,,2003-05-14,,,2022-04-01';
    const outputs = await parseAll(
      gbizinfoConnector,
      inputOf('Kihonjoho_UTF-8.csv', `\ufeff${header}\n${row}\n`),
    );
    expect(ofType(outputs, 'actor')[0]?.fields).toMatchObject({
      employees: 20,
      capital: 10_000_000,
      foundedYear: 2003,
      url: 'https://jig.jp/',
    });
  });

  it('keeps a header cell named like what every object inherits as the name it is', () => {
    const found = csvKindOf('companies.csv', ['corporate_number', 'name', 'constructor']);
    expect(found?.kind).toBe('basic');
    expect(found?.names).toEqual(['corporate_number', 'name', 'constructor']);
  });

  it('refuses JSON of another shape and a 法人番号 file', async () => {
    await expect(
      parseAll(
        gbizinfoConnector,
        fileInput(samplePath('openalex', 'works_with_jp_authorships_sample.json')),
      ),
    ).rejects.toThrow(/hojin-infos/);
    await expect(
      parseAll(
        gbizinfoConnector,
        fileInput(samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv')),
      ),
    ).rejects.toThrow(/not a gBizINFO/);
  });

  it('rejects a wrong check digit in a subsidy row', async () => {
    const outputs = await parseAll(
      gbizinfoConnector,
      inputOf(
        's.csv',
        ',corporate_number,name,subsidy_title,amount,date_of_approval\n1,7370005002148,東北大学,X,100,2018-09-03\n',
      ),
    );
    expect(ofType(outputs, 'rejected')[0]).toMatchObject({
      at: 'line 2',
      field: 'corporate_number',
    });
  });
});
