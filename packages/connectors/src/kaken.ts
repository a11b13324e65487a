import { isValidOrcid, normalizeOrcid } from '#core/identifiers.ts';
import type { ActorKeys, ConnectorInput, ConnectorOutput, SourceConnector } from './connector.ts';
import { cellsByName, readCsvTable } from './csv-table.ts';
import { readText, wrongShape } from './read-input.ts';
import { asArray, integer, isObject, prefectureCodeAtStart, text } from './values.ts';
import { parseXml } from './xml.ts';
import { skippedAt } from './skip-reasons.ts';

/**
 * KAKEN (科学研究費助成事業データベース, NII): 研究課題 XML from the OpenSearch API, 研究者 JSON from
 * nrid, and the CSV export of the web search. A project becomes a research seed of its principal
 * investigator with its funding; members become person actors with their researcher number and
 * affiliation.
 */
export const KAKEN_CREDIT =
  'KAKEN：科学研究費助成事業データベース（国立情報学研究所）を加工して作成 / Source: KAKEN (National Institute of Informatics), processed';

const KAKENHI = '科学研究費助成事業';

function nodeText(value: unknown): string | undefined {
  if (isObject(value)) return text(value['#text']) ?? text(value['normalizedValue']);
  return text(value);
}

function organisation(name: string, at: string): ConnectorOutput & { type: 'actor' } {
  const prefectureCode = prefectureCodeAtStart(name);
  return {
    type: 'actor',
    at,
    keys: { name, kind: 'organization', ...(prefectureCode ? { prefectureCode } : {}) },
    fields: {
      kind: 'organization',
      sector: /大学|高等専門学校/.test(name)
        ? 'university'
        : /国立研究開発法人/.test(name)
          ? 'national_lab'
          : 'other',
      name,
      ...(prefectureCode ? { prefectureCode } : {}),
      countryCode: 'JP',
    },
  };
}

function* person(
  number: string | undefined,
  name: string | undefined,
  orgName: string | undefined,
  at: string,
  extra: Partial<ActorKeys> = {},
): Iterable<ConnectorOutput> {
  if (!name) return;
  if (number !== undefined && !/^\d{8}$/.test(number)) {
    yield {
      type: 'rejected',
      at,
      field: 'researcherNumber',
      reason: `researcher number "${number}" is not 8 digits`,
      reasonJa: `研究者番号「${number}」が8桁の数字ではありません`,
    };
    return;
  }
  const keys: ActorKeys = {
    ...(number ? { kakenId: number } : {}),
    ...extra,
    name,
    kind: 'person',
  };
  yield {
    type: 'actor',
    at,
    keys,
    fields: {
      kind: 'person',
      sector: orgName && /大学/.test(orgName) ? 'university' : 'other',
      name,
      countryCode: 'JP',
      flags: ['researcher'],
    },
  };
  if (orgName) {
    const org = organisation(orgName, at);
    yield org;
    yield { type: 'relation', at, from: keys, to: org.keys, relation: 'affiliation', weight: 1 };
  }
}

function* mapGrantAward(award: Record<string, unknown>, at: string): Iterable<ConnectorOutput> {
  const number = text(award['@awardNumber']) ?? text(award['@id'])?.replace(/^KAKENHI-[A-Z]+-/, '');
  const summaries = asArray(award['summary']).filter(isObject);
  const ja = summaries.find((s) => s['@xml:lang'] === 'ja') ?? summaries[0];
  const en = summaries.find((s) => s['@xml:lang'] === 'en');
  if (!number || !ja) {
    yield {
      type: 'rejected',
      at,
      field: 'awardNumber',
      reason: 'grantAward without an award number or summary',
      reasonJa: '研究課題番号または概要がありません',
    };
    return;
  }
  const title = nodeText(ja['title']) ?? (en ? nodeText(en['title']) : undefined);
  if (!title) {
    yield {
      type: 'rejected',
      at,
      field: 'title',
      reason: `project ${number} has no title`,
      reasonJa: `研究課題 ${number} に研究課題名がありません`,
    };
    return;
  }
  const members = asArray(ja['member']).filter(isObject);
  let pi: ActorKeys | undefined;
  for (const [index, member] of members.entries()) {
    const personal = asArray(member['personalName']).find(isObject);
    const fullName = personal ? nodeText(personal['fullName']) : undefined;
    const affiliation = asArray(member['affiliation']).find(isObject);
    const orgName = affiliation ? nodeText(asArray(affiliation['institution'])[0]) : undefined;
    const researcherNumber = text(member['@researcherNumber']);
    const outputs = [...person(researcherNumber, fullName, orgName, `${at}.member[${index}]`)];
    yield* outputs;
    const actor = outputs.find((o) => o.type === 'actor' && o.keys.kind === 'person');
    if (
      actor?.type === 'actor' &&
      (member['@role'] === 'principal_investigator' || pi === undefined)
    )
      pi = actor.keys;
  }
  const institution = nodeText(asArray(ja['institution'])[0]);
  const owner: ActorKeys | undefined =
    pi ?? (institution ? organisation(institution, at).keys : undefined);
  if (!owner) {
    yield skippedAt(at, 'project_without_people', { number });
    return;
  }
  if (!pi && institution) yield organisation(institution, at);
  const keywords = asArray(isObject(ja['keywordList']) ? ja['keywordList']['keyword'] : undefined)
    .map(nodeText)
    .filter((k): k is string => Boolean(k));
  const paragraphs = asArray(
    isObject(ja['paragraphList']) ? ja['paragraphList']['paragraph'] : undefined,
  )
    .map(nodeText)
    .filter(Boolean);
  yield {
    type: 'seed',
    at,
    owner,
    key: `KAKENHI-${number}`,
    kind: 'research_result',
    title,
    ...(paragraphs[0] ? { abstract: paragraphs.join('\n').slice(0, 20_000) } : {}),
    keywords,
    url: `https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-${number}/`,
  };
  const period = isObject(ja['periodOfAward']) ? ja['periodOfAward'] : {};
  const startFy =
    integer(nodeText(period['startFiscalYear'])) ?? integer(period['@searchStartFiscalYear']);
  const amountNode = asArray(ja['overallAwardAmount']).find(isObject);
  const total = amountNode ? integer(nodeText(amountNode['totalCost'])) : undefined;
  const category = nodeText(asArray(ja['category'])[0]);
  if (startFy !== undefined && total !== undefined && total > 0) {
    yield {
      type: 'funding',
      at,
      recipient: owner,
      key: `KAKENHI-${number}`,
      fiscalYear: startFy,
      amount: total,
      programmeName: KAKENHI,
      funderName: '日本学術振興会',
      note: [category, title].filter(Boolean).join(': ').slice(0, 1000),
    };
  }
}

function* mapNridResearcher(
  researcher: Record<string, unknown>,
  at: string,
): Iterable<ConnectorOutput> {
  const name = isObject(researcher['name']) ? researcher['name'] : {};
  const part = (key: string, langCode: string): string | undefined =>
    asArray(name[key])
      .filter(isObject)
      .map((n) => (n['lang'] === langCode ? text(n['text']) : undefined))
      .find(Boolean);
  const full =
    [part('name:familyName', 'ja'), part('name:givenName', 'ja')].filter(Boolean).join(' ') ||
    [part('name:givenName', 'en'), part('name:familyName', 'en')].filter(Boolean).join(' ');
  const number = asArray(researcher['id:person:erad']).map(text).find(Boolean);
  const orcidRaw = asArray(researcher['id:orcid']).map(text).find(Boolean);
  const orcid =
    orcidRaw && isValidOrcid(normalizeOrcid(orcidRaw)) ? normalizeOrcid(orcidRaw) : undefined;
  const current = asArray(researcher['affiliations:current']).find(isObject);
  const institution =
    current && isObject(current['affiliation:institution'])
      ? current['affiliation:institution']
      : undefined;
  const orgName = institution
    ? asArray(institution['humanReadableValue'])
        .filter(isObject)
        .map((v) => (v['lang'] === 'ja' ? text(v['text']) : undefined))
        .find(Boolean)
    : undefined;
  if (!full) {
    yield {
      type: 'rejected',
      at,
      field: 'name',
      reason: 'the researcher has no name',
      reasonJa: '研究者の氏名がありません',
    };
    return;
  }
  yield* person(number, full, orgName, at, orcid ? { orcid } : {});
}

const CSV_TITLE = '研究課題名';
const CSV_NUMBER = '研究課題/領域番号';

function* mapCsvRow(row: Record<string, string>, at: string): Iterable<ConnectorOutput> {
  const number = text(row[CSV_NUMBER]);
  const title = text(row[CSV_TITLE]);
  if (!number || !title) {
    yield {
      type: 'rejected',
      at,
      field: number ? CSV_TITLE : CSV_NUMBER,
      reason: `${number ? CSV_TITLE : CSV_NUMBER} is empty`,
      reasonJa: `${number ? CSV_TITLE : CSV_NUMBER}が空です`,
    };
    return;
  }
  // 研究代表者: "氏名 所属 (研究者番号)" — the number in parentheses when the export gives it.
  const lead = text(row['研究代表者']);
  const leadNumber = lead ? /(\d{8})/.exec(lead)?.[1] : undefined;
  const institution = text(row['研究機関'])
    ?.split(' / ')[0]
    ?.replace(/[（(]\d+[）)]\s*$/, '')
    .trim();
  const leadName = lead
    ?.replace(/[（(][^）)]*[）)]/g, '')
    .replace(institution ?? '\u0000', ' ')
    .split(/\s{2,}|\u3000/)[0]
    ?.trim();
  const personOutputs = [...person(leadNumber, leadName, institution, at)];
  yield* personOutputs;
  const pi = personOutputs.find((o) => o.type === 'actor' && o.keys.kind === 'person');
  const owner =
    pi?.type === 'actor' ? pi.keys : institution ? organisation(institution, at).keys : undefined;
  if (!owner) {
    yield skippedAt(at, 'project_without_people', { number });
    return;
  }
  const keywords = (text(row['キーワード']) ?? '')
    .split(' / ')
    .map((k) => k.trim())
    .filter(Boolean);
  yield {
    type: 'seed',
    at,
    owner,
    key: `KAKENHI-${number}`,
    kind: 'research_result',
    title,
    keywords,
    url: `https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-${number}/`,
  };
  const years = text(row['研究期間 (年度)'])?.match(/(\d{4})/);
  const amount = integer(text(row['総配分額'])?.replace(/[^\d]/g, ''));
  if (years?.[1] && amount !== undefined && amount > 0) {
    yield {
      type: 'funding',
      at,
      recipient: owner,
      key: `KAKENHI-${number}`,
      fiscalYear: Number(years[1]),
      amount,
      programmeName: KAKENHI,
      funderName: '日本学術振興会',
    };
  }
}

async function* parseKaken(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const bytes: Uint8Array[] = [];
  for await (const chunk of input.chunks) bytes.push(chunk);
  const replay = (): ConnectorInput => ({
    name: input.name,
    chunks: (async function* () {
      yield* bytes;
    })(),
  });
  const content = await readText(replay());
  const start = content.trimStart();
  if (start.startsWith('<')) {
    const document = parseXml(content, input.name, [
      'grantAward',
      'summary',
      'member',
      'keyword',
      'institution',
      'personalName',
      'affiliation',
      'paragraph',
      'overallAwardAmount',
      'category',
    ]);
    const root = isObject(document)
      ? (document['grantAwards'] ?? document['grants'] ?? document['grantAwardList'])
      : undefined;
    if (!isObject(root))
      throw wrongShape(
        input,
        'KAKEN',
        'a 研究課題 XML document (<grantAwards> with <grantAward> elements)',
      );
    for (const [index, award] of asArray(root['grantAward']).entries()) {
      if (isObject(award)) yield* mapGrantAward(award, `grantAward[${index + 1}]`);
    }
    return;
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    let document: unknown;
    try {
      document = JSON.parse(content);
    } catch {
      throw wrongShape(input, 'KAKEN', 'complete JSON (the file may be truncated)');
    }
    if (isObject(document) && Array.isArray(document['researchers'])) {
      for (const [index, researcher] of document['researchers'].entries()) {
        if (isObject(researcher)) yield* mapNridResearcher(researcher, `researchers[${index}]`);
      }
      return;
    }
    throw wrongShape(
      input,
      'KAKEN',
      'a 研究者 JSON answer from nrid ({"researchers": [...]}) or 研究課題 XML',
    );
  }
  const table = await readCsvTable(replay());
  if (!table.header.includes(CSV_TITLE) || !table.header.includes(CSV_NUMBER)) {
    throw wrongShape(
      input,
      'KAKEN',
      `a CSV export with the columns ${CSV_TITLE} and ${CSV_NUMBER}`,
    );
  }
  for (const { line, cells } of table.rows)
    yield* mapCsvRow(cellsByName(table.header, cells), `line ${line}`);
}

export const kakenConnector: SourceConnector = {
  source: 'kaken',
  credit: KAKEN_CREDIT,
  parse: parseKaken,
};
