import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { JP_ROR, REAL_SAMPLES } from '#test/connector-input.ts';
import type { SourceName } from '../connector.ts';
import {
  detectSource,
  recognitionLabel,
  recognitions,
  unrecognisedMessage,
  type Detection,
} from './detect-source.ts';
import { HEAD_BYTES, type HeadSample } from './head-sample.ts';
import { SHAPE_LABELS, SHAPE_NAMES, SOURCE_SHAPES, type SourceShape } from './source-shapes.ts';

/** A file's start as the server takes it: at most HEAD_BYTES, and whether that is all of it. */
function headOf(bytes: Uint8Array | string): HeadSample {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const head = buffer.subarray(0, HEAD_BYTES);
  return { bytes: head, complete: head.length === buffer.length };
}

function shapeOf(detection: Detection): string {
  return detection.recognised
    ? `${detection.recognised.shape}/${detection.recognised.encoding ?? 'ascii'}`
    : `none:${detection.reason}`;
}

const detect = (bytes: Uint8Array | string) => shapeOf(detectSource(headOf(bytes)));

/** Every real sample of each source, and what it is. */
const REAL: Record<string, SourceShape | null> = {
  'houjin-bangou/diff_20211001_unicode_sample.csv': 'houjin-diff-csv',
  'houjin-bangou/webapi_v4_csv_response_spec_example.csv': 'houjin-webapi-csv',
  'houjin-bangou/webapi_v4_diff_response_excerpt.xml': 'houjin-xml',
  'houjin-bangou/webapi_v4_num_response.xml': 'houjin-xml',
  'gbizinfo/patent_sabae_from_gbizinfo_code4fukui.csv': 'gbizinfo-patent-csv',
  'gbizinfo/procurement_from_gbizinfo_code4fukui.csv': 'gbizinfo-procurement-csv',
  'gbizinfo/subsidy_miyagi_programme_adoptions_rioto3.csv': 'gbizinfo-subsidy-csv',
  'gbizinfo/subsidy_miyagi_rioto3_sample.csv': 'gbizinfo-subsidy-csv',
  'gbizinfo/v1_hojin_3011101042092_jigjp.json': 'gbizinfo-json',
  'gbizinfo/v1_updateInfo_subsidy_okinawa_excerpt.json': 'gbizinfo-json',
  'researchmap/researcher_0000010581_read0001541_trimmed.json': 'researchmap-jsonld',
  'researchmap/researcher_0000113014_read0006801_trimmed.json': 'researchmap-jsonld',
  'kaken/SYNTHETIC_structure_projects_response.xml': 'kaken-projects-xml',
  'kaken/SYNTHETIC_structure_researchers_response.json': 'kaken-researchers-json',
  // KAKEN-ATLAS map rows: derived data, no format of KAKEN's own (the connector refuses it too).
  'kaken/kaken_atlas_shard000_excerpt25.json': null,
  'openalex/authors_response_A5043579160_nifs.json': 'openalex-json',
  'openalex/works_with_jp_authorships_sample.json': 'openalex-json',
  'estat/getStatsData_0003065345_2016.json': 'estat-stats-json',
  'estat/getMetaInfo_0003065345_2016.json': 'estat-meta-json',
  'jgrants/subsidies_list_record_from_fixture.json': 'jgrants-json',
  [`${JP_ROR}/ror-jp-organizations.csv`]: 'ror-csv',
  [`${JP_ROR}/ror-jp-organizations.json`]: 'ror-json',
  // Relations between ROR ids, not the dump: no connector reads it.
  [`${JP_ROR}/ror-jp-relationships.csv`]: null,
};
const read = (file: string) =>
  readFileSync(path.isAbsolute(file) ? file : path.join(REAL_SAMPLES, file));

describe('the real samples', () => {
  it('lists every sample of the shared folder', () => {
    const files = readdirSync(REAL_SAMPLES, { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.(csv|json|xml)$/.test(file),
    );
    expect(files.sort()).toEqual(
      Object.keys(REAL)
        .filter((file) => !path.isAbsolute(file))
        .sort(),
    );
  });

  it.each(Object.entries(REAL))('%s is recognised by its own source only', (file, shape) => {
    const found = recognitions(headOf(read(file)));
    expect(found.map((r) => r.shape)).toEqual(shape === null ? [] : [shape]);
    if (shape !== null) expect(found[0]?.source).toBe(SOURCE_SHAPES[shape]);
  });

  // Files of a few records (under 2 kB) cut short keep too little to tell anything.
  it.each(
    Object.entries(REAL).filter(([file, shape]) => shape !== null && read(file).length > 2048),
  )('%s cut at two thirds (a truncated file) is still told by its start', (file, shape) => {
    const bytes = read(file);
    const cut = bytes.subarray(0, Math.ceil((bytes.length * 2) / 3));
    expect(recognitions({ bytes: cut, complete: true }).map((r) => r.shape)).toEqual([shape]);
  });

  it('reads the Shift_JIS variant of the 差分 file as the same shape, in Shift_JIS', () => {
    const sjis = iconv.encode(
      read('houjin-bangou/diff_20211001_unicode_sample.csv').toString(),
      'cp932',
    );
    expect(detect(sjis)).toBe('houjin-diff-csv/shift_jis');
  });
});

/** A 法人番号 with its check digit over a 12-digit serial. */
function corporateNumber(serial: number): string {
  const base = String(serial).padStart(12, '0');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base}`;
}

/** One line of the download files: the 30 columns of the NTA's resource definition. */
function houjinLine(
  i: number,
  updateDate: string,
  latest = 1,
  number = corporateNumber(7_000_000 + i),
): string {
  return [
    i,
    number,
    latest === 1 ? '12' : '01',
    0,
    updateDate,
    '2020-04-01',
    `"株式会社試験${i}"`,
    '',
    301,
    '"静岡県"',
    '"浜松市中区"',
    `"元城町${i}番地"`,
    '',
    22,
    131,
    4300000 + i,
    '',
    '',
    '',
    '',
    '',
    '',
    '2015-10-05',
    latest,
    '',
    '',
    '',
    '',
    `"シケン${i}"`,
    0,
  ].join(',');
}

const days = (i: number) =>
  `2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;

describe('generated files in each published shape', () => {
  it('tells the 全件 file (many update dates) in Shift_JIS with CRLF, even beyond the head', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => houjinLine(i + 1, days(i)));
    const file = iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
    expect(file.length).toBeGreaterThan(HEAD_BYTES);
    const detection = detectSource(headOf(file));
    expect(shapeOf(detection)).toBe('houjin-full-csv/shift_jis');
    if (!detection.recognised) throw new Error('not recognised');
    expect(recognitionLabel(detection.recognised, 'ja')).toBe('法人番号 全件 CSV（Shift_JIS）');
    expect(recognitionLabel(detection.recognised, 'en')).toBe(
      'Corporate Number full-data CSV (Shift_JIS)',
    );
  });

  it('tells the 差分 file (one update date, history rows) in UTF-8 with a BOM', () => {
    const lines = [
      houjinLine(1, '2024-05-01', 0),
      houjinLine(2, '2024-05-01', 1, corporateNumber(7_000_001)),
      houjinLine(3, '2024-05-01'),
    ];
    expect(detect(`\ufeff${lines.join('\n')}\n`)).toBe('houjin-diff-csv/utf-8');
    expect(detect(`${lines[2] ?? ''}\n`)).toBe('houjin-csv/utf-8');
  });

  it('tells a Web-API CSV answer by its header line, and its XML answer', () => {
    const csv = `2024-05-02,2,1,1\n${houjinLine(1, '2024-05-01')}\n${houjinLine(2, '2024-04-01')}\n`;
    expect(detect(csv)).toBe('houjin-webapi-csv/utf-8');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<corporations>\n  <lastUpdateDate>2024-05-02</lastUpdateDate>\n  <corporation>\n    <sequenceNumber>1</sequenceNumber>\n    <corporateNumber>${corporateNumber(5)}</corporateNumber>\n    <name>株式会社試験</name>\n  </corporation>\n</corporations>\n`;
    expect(detect(xml)).toBe('houjin-xml/utf-8');
  });

  it('refuses 30 columns whose corporate numbers fail the check digit, or whose middle line is short', () => {
    const wrong = [1, 2, 3].map((i) => {
      const good = corporateNumber(7_000_000 + i);
      const bad = `${(Number(good[0]) + 1) % 10}${good.slice(1)}`;
      return houjinLine(i, days(i), 1, bad);
    });
    expect(detect(wrong.join('\n'))).toBe('none:unknown');
    const broken = [houjinLine(1, days(1)), 'a,b,c', houjinLine(3, days(3))];
    expect(detect(broken.join('\n'))).toBe('none:unknown');
  });

  it('still tells a 法人番号 file cut in its last line (the dry run says it is truncated)', () => {
    const lines = [1, 2, 3].map((i) => houjinLine(i, days(i)));
    const text = lines.join('\n');
    expect(detect(text.slice(0, text.length - 40))).toBe('houjin-full-csv/utf-8');
  });

  it('tells gBizINFO answers and downloads', () => {
    const v2 = JSON.stringify({
      id: null,
      message: '200 - OK.',
      'hojin-infos': [
        { corporate_number: corporateNumber(9), name: '株式会社試験', location: '静岡県浜松市' },
      ],
    });
    expect(detect(v2)).toBe('gbizinfo-json/utf-8');
    expect(
      detect(
        'corporate_number,name,location,capital_stock\n' +
          `${corporateNumber(9)},試験,静岡県,100\n`,
      ),
    ).toBe('gbizinfo-basic-csv/utf-8');
    expect(
      detect(
        `corporate_number,name,subsidy_title,certification_date,amount\n${corporateNumber(9)},試験,補助金,2020-01-01,100\n`,
      ),
    ).toBe('gbizinfo-subsidy-csv/utf-8');
    // The bulk download's Japanese header, in Shift_JIS.
    const bulkHeader = ['法人番号', '法人名', ...Array.from({ length: 28 }, (_, i) => `項目${i}`)];
    expect(
      detect(iconv.encode(`${bulkHeader.join(',')}\n${corporateNumber(9)},試験\n`, 'cp932')),
    ).toBe('gbizinfo-basic-csv/shift_jis');
  });

  const researcher = (id: string) =>
    JSON.stringify({
      '@context': 'https://api.researchmap.jp/researcher.jsonld',
      '@type': 'researchers',
      'rm:user_id': id,
      family_name: { ja: '試験' },
    });

  it('tells researchmap documents and an institution’s JSON Lines', () => {
    expect(detect(researcher('0000000001'))).toBe('researchmap-jsonld/utf-8');
    expect(detect(`${researcher('0000000001')}\n${researcher('0000000002')}\n`)).toBe(
      'researchmap-jsonl/utf-8',
    );
  });

  it('tells KAKEN’s XML, researchers JSON and the CSV export (Shift_JIS)', () => {
    expect(
      detect(
        '<?xml version="1.0"?>\n<grantAwards>\n<grantAward id="KAKENHI-PROJECT-1"><summary/></grantAward>\n</grantAwards>\n',
      ),
    ).toBe('kaken-projects-xml/ascii');
    expect(
      detect(
        JSON.stringify({ totalResults: 1, researchers: [{ 'id:person:erad': ['12345678'] }] }),
      ),
    ).toBe('kaken-researchers-json/ascii');
    const csv =
      '研究課題名,研究課題/領域番号,研究期間 (年度),研究代表者\n試験の研究,21K00001,2021 – 2023,試験 太郎\n';
    expect(detect(iconv.encode(csv, 'cp932'))).toBe('kaken-csv/shift_jis');
  });

  it('tells OpenAlex JSON and the snapshot’s JSON Lines', () => {
    const work = (n: number) =>
      JSON.stringify({ id: `https://openalex.org/W${n}`, display_name: 'x', authorships: [] });
    expect(detect(`[${work(1)}]`)).toBe('openalex-json/ascii');
    expect(detect(`${work(1)}\n${work(2)}\n`)).toBe('openalex-jsonl/ascii');
    expect(
      detect(
        JSON.stringify({
          meta: {},
          results: [{ id: 'https://openalex.org/I1', ror: 'https://ror.org/00p4k0j84' }],
        }),
      ),
    ).toBe('openalex-json/ascii');
  });

  it('tells the ROR dump (JSON v2 and v1, CSV v2)', () => {
    const v2 = [
      {
        id: 'https://ror.org/00p4k0j84',
        names: [{ value: 'Kyushu University', types: ['ror_display'] }],
      },
    ];
    expect(detect(JSON.stringify(v2))).toBe('ror-json/ascii');
    expect(
      detect(JSON.stringify([{ id: 'https://ror.org/00p4k0j84', name: 'Kyushu University' }])),
    ).toBe('ror-json/ascii');
    expect(
      detect(
        'id,admin.created.date,names.types.ror_display,status\nhttps://ror.org/00p4k0j84,2018-11-14,Kyushu University,active\n',
      ),
    ).toBe('ror-csv/ascii');
  });

  it('tells e-Stat answers and jGrants calls', () => {
    expect(detect(JSON.stringify({ GET_STATS_DATA: { RESULT: { STATUS: 0 } } }))).toBe(
      'estat-stats-json/ascii',
    );
    expect(detect(JSON.stringify({ GET_META_INFO: { RESULT: { STATUS: 0 } } }))).toBe(
      'estat-meta-json/ascii',
    );
    const call = {
      id: 'a0W',
      title: '公募',
      target_area_search: '静岡県',
      subsidy_max_limit: 1000000,
      acceptance_end_datetime: '2026-08-12T03:00:00.000Z',
    };
    expect(detect(JSON.stringify(call))).toBe('jgrants-json/utf-8');
    expect(detect(JSON.stringify({ result: [call] }))).toBe('jgrants-json/utf-8');
  });
});

describe('files no connector reads', () => {
  it.each([
    [
      'a Musubi actors CSV',
      'id,kind,sector,name,prefecture_code\nimp-1,organization,company,試験,22\n',
      'none:unknown',
    ],
    ['JSON of another shape', '{"result": [{"id": 1, "title": "x"}]}', 'none:unknown'],
    ['plain text', 'これは研究のメモです。\n二行目。\n', 'none:unknown'],
    ['white space only', ' \n\r\n', 'none:empty'],
    ['a start cut after a few bytes', '{"GET_ST', 'none:unknown'],
  ])('%s', (_, content, expected) => {
    expect(detect(content)).toBe(expected);
  });

  it('names a zip (an XLSX, a download not unpacked) and binary files', () => {
    expect(detect(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toBe('none:zip');
    expect(
      detect(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    ).toBe('none:binary');
    expect(detect(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('none:binary');
    expect(detect(new Uint8Array())).toBe('none:empty');
  });

  it('says why in Japanese and English and lists every accepted shape', () => {
    const message = unrecognisedMessage('notes.txt', 'unknown');
    expect(message).toMatch(/^notes\.txt: not recognised/);
    expect(message).toContain('判別できません');
    for (const shape of SHAPE_NAMES) {
      expect(message).toContain(SHAPE_LABELS[shape].ja);
      expect(message).toContain(SHAPE_LABELS[shape].en);
    }
  });
});

it('every source has at least one shape', () => {
  const sources = new Set<SourceName>(Object.values(SOURCE_SHAPES));
  expect(sources.size).toBe(8);
});
