import { isValidOrcid, normalizeOrcid } from '#core/identifiers.ts';
import type { Sector } from '#core/vocabulary.ts';
import type { ActorKeys, ConnectorInput, ConnectorOutput, SourceConnector } from './connector.ts';
import { readJsonOrLines, wrongShape } from './read-input.ts';
import {
  asArray,
  fiscalYearOf,
  integer,
  isObject,
  isoDate,
  prefectureCodeAtStart,
  text,
} from './values.ts';
import { skippedAt } from './skip-reasons.ts';

/**
 * researchmap API v2 (JST): researcher documents in JSON-LD (`@type: researchers`), one per file, an
 * array of them, or JSON Lines (an institution's export). Researchers become person actors with their
 * identifiers; affiliations become relations to organisations; research projects become funding.
 */
export const RESEARCHMAP_CREDIT =
  '出典：researchmap（科学技術振興機構） / Source: researchmap (JST)';

function lang(value: unknown, key = 'ja'): string | undefined {
  if (!isObject(value)) return text(value);
  return text(value[key]);
}

function anyLang(value: unknown): string | undefined {
  return lang(value, 'ja') ?? lang(value, 'en');
}

function graphBlock(
  doc: Record<string, unknown>,
  type: string,
): { total?: number; items: Record<string, unknown>[] } {
  for (const block of asArray(doc['@graph'])) {
    if (isObject(block) && block['@type'] === type) {
      const total = integer(block['total_items']);
      return {
        ...(total !== undefined ? { total } : {}),
        items: asArray(block['items']).filter(isObject),
      };
    }
  }
  return { items: [] };
}

/** The four-digit year a researchmap date starts with (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); `9999` is "ongoing". */
function yearOf(value: unknown): number | undefined {
  const match = /^(\d{4})/.exec(text(value) ?? '');
  const year = match ? Number(match[1]) : undefined;
  return year !== undefined && year >= 1900 && year < 9999 ? year : undefined;
}

/**
 * The first year of a researcher's career as the document shows it: the earliest research post,
 * paper or degree. Lists may be partial (the API pages them), so this is the earliest year seen.
 */
function careerStartYearOf(doc: Record<string, unknown>): number | undefined {
  const years = [
    ...graphBlock(doc, 'research_experience').items.map((i) => yearOf(i['from_date'])),
    ...graphBlock(doc, 'published_papers').items.map((i) => yearOf(i['publication_date'])),
    ...asArray(doc['degrees'])
      .filter(isObject)
      .map((d) => yearOf(d['degree_date'])),
  ].filter((y): y is number => y !== undefined);
  return years.length > 0 ? Math.min(...years) : undefined;
}

/** Only what the researcher disclosed: an item marked otherwise is left out. */
function disclosed(item: Record<string, unknown>): boolean {
  const display = item['display'];
  return display === undefined || display === 'disclosed';
}

function organisationSector(
  name: string,
): 'university' | 'public_research' | 'national_lab' | 'company' | 'other' {
  const n = name.normalize('NFKC');
  if (/大学|高等専門学校|University|College/i.test(n)) return 'university';
  if (/国立研究開発法人|産業技術総合研究所|理化学研究所/.test(n)) return 'national_lab';
  if (
    /試験場|試験所|研究所|研究センター|技術センター|工業技術|Prefectural/i.test(n) &&
    prefectureCodeAtStart(n)
  )
    return 'public_research';
  if (/株式会社|有限会社|合同会社|Co\.|Inc\.|Ltd/i.test(n)) return 'company';
  return 'other';
}

function* mapResearcher(doc: Record<string, unknown>, at: string): Iterable<ConnectorOutput> {
  const userId = text(doc['rm:user_id']);
  if (!userId) {
    yield {
      type: 'rejected',
      at,
      field: 'rm:user_id',
      reason: 'rm:user_id is missing',
      reasonJa: 'rm:user_id（researchmap会員ID）がありません',
    };
    return;
  }
  const family = doc['family_name'];
  const given = doc['given_name'];
  const nameJa = [lang(family), lang(given)].filter(Boolean).join(' ');
  const nameEn = [lang(given, 'en'), lang(family, 'en')].filter(Boolean).join(' ');
  const nameKana = [lang(family, 'ja-Kana'), lang(given, 'ja-Kana')].filter(Boolean).join(' ');
  const name = nameJa || nameEn;
  if (!name) {
    yield {
      type: 'rejected',
      at,
      field: 'family_name',
      reason: 'the researcher has no name',
      reasonJa: '研究者の氏名がありません',
    };
    return;
  }
  const identifiers = isObject(doc['identifiers']) ? doc['identifiers'] : {};
  const erad = asArray(identifiers['erad_id'])
    .map(text)
    .find((v) => v && /^\d{8}$/.test(v));
  const orcidRaw = asArray(identifiers['orc_id']).map(text).find(Boolean);
  const orcid =
    orcidRaw && isValidOrcid(normalizeOrcid(orcidRaw)) ? normalizeOrcid(orcidRaw) : undefined;
  const affiliations = asArray(doc['affiliations'])
    .filter(isObject)
    .filter((a) => a['display_affiliation'] !== 'closed');
  const firstAffiliation = affiliations.map((a) => lang(a['affiliation'])).find(Boolean);
  const prefectureCode = prefectureCodeAtStart(firstAffiliation);
  const papers = graphBlock(doc, 'published_papers').total;
  const patents = graphBlock(doc, 'industrial_property_rights').total;
  const careerStartYear = careerStartYearOf(doc);
  const interests = graphBlock(doc, 'research_interests')
    .items.filter(disclosed)
    .map((i) => anyLang(i['keyword']))
    .filter((k): k is string => Boolean(k));
  const areas = graphBlock(doc, 'research_areas')
    .items.filter(disclosed)
    .map((i) => anyLang(i['research_field']))
    .filter((k): k is string => Boolean(k));
  const keys: ActorKeys = {
    researchmapId: userId,
    ...(erad ? { kakenId: erad } : {}),
    ...(orcid ? { orcid } : {}),
    name,
    kind: 'person',
    ...(prefectureCode ? { prefectureCode } : {}),
  };
  yield {
    type: 'actor',
    at,
    keys,
    fields: {
      kind: 'person',
      sector: firstAffiliation ? organisationSector(firstAffiliation) : 'other',
      name,
      ...(nameEn && nameEn !== name ? { nameEn } : {}),
      ...(nameKana ? { nameKana } : {}),
      ...(prefectureCode ? { prefectureCode } : {}),
      countryCode: 'JP',
      flags: ['researcher'],
      ...(areas[0] ? { field: areas[0] } : {}),
      keywords: [...new Set([...interests, ...areas])].slice(0, 30),
      ...(papers !== undefined ? { papers } : {}),
      ...(patents !== undefined ? { patents } : {}),
      ...(careerStartYear !== undefined ? { careerStartYear } : {}),
    },
    ...(isoDate(doc['rm:modified']) ? { updatedOn: isoDate(doc['rm:modified']) } : {}),
  };
  for (const [index, affiliation] of affiliations.entries()) {
    const orgName = lang(affiliation['affiliation']) ?? lang(affiliation['affiliation'], 'en');
    if (!orgName) continue;
    const orgPrefecture = prefectureCodeAtStart(orgName);
    const org: ActorKeys = {
      name: orgName,
      kind: 'organization',
      ...(orgPrefecture ? { prefectureCode: orgPrefecture } : {}),
    };
    yield {
      type: 'actor',
      at: `${at}.affiliations[${index}]`,
      keys: org,
      fields: {
        kind: 'organization',
        sector: organisationSector(orgName),
        name: orgName,
        ...(lang(affiliation['affiliation'], 'en')
          ? { nameEn: lang(affiliation['affiliation'], 'en') }
          : {}),
        ...(orgPrefecture ? { prefectureCode: orgPrefecture } : {}),
        countryCode: 'JP',
      },
    };
    const job = lang(affiliation['job']);
    yield {
      type: 'relation',
      at: `${at}.affiliations[${index}]`,
      from: keys,
      to: org,
      relation: 'affiliation',
      weight: 1,
      ...(job ? { note: job } : {}),
    };
  }
  for (const [index, project] of graphBlock(doc, 'research_projects').items.entries()) {
    const where = `${at}.research_projects[${index}]`;
    if (!disclosed(project)) continue;
    const title = anyLang(project['research_project_title']);
    const from = text(project['from_date']);
    if (!title || !from || !/^\d{4}/.test(from)) {
      yield skippedAt(where, 'project_without_title_or_start');
      continue;
    }
    const start = /^\d{4}$/.test(from)
      ? `${from}-04-01`
      : /^\d{4}-\d{2}$/.test(from)
        ? `${from}-01`
        : (isoDate(from) ?? `${from.slice(0, 4)}-04-01`);
    const to = text(project['to_date']);
    const end =
      to && /^\d{4}/.test(to) && !to.startsWith('9999')
        ? /^\d{4}$/.test(to)
          ? `${to}-03-31`
          : /^\d{4}-\d{2}$/.test(to)
            ? `${to}-01`
            : isoDate(to)
        : undefined;
    const system = anyLang(project['system_name']);
    const offer = anyLang(project['offer_organization']);
    const grant = project['overall_grant_amount'];
    const amount = integer(isObject(grant) ? grant['total_cost'] : grant);
    const note = [system, title].filter(Boolean).join(': ').slice(0, 1000);
    if (amount !== undefined && amount > 0) {
      yield {
        type: 'funding',
        at: where,
        recipient: keys,
        key: `researchmap:${text(project['rm:id']) ?? `${userId}:${index}`}`,
        fiscalYear: fiscalYearOf(start),
        amount,
        ...(system ? { programmeName: system } : {}),
        ...(offer ? { funderName: offer } : {}),
        note,
      };
    }
    if (offer) {
      // The funder as an organisation, and its grant to the researcher (amount or not).
      const funderPrefecture = prefectureCodeAtStart(offer);
      const funder: ActorKeys = {
        name: offer,
        kind: 'organization',
        ...(funderPrefecture ? { prefectureCode: funderPrefecture } : {}),
      };
      yield {
        type: 'actor',
        at: where,
        keys: funder,
        fields: {
          kind: 'organization',
          sector: funderSector(offer),
          name: offer,
          ...(funderPrefecture ? { prefectureCode: funderPrefecture } : {}),
          countryCode: 'JP',
        },
      };
      yield {
        type: 'relation',
        at: where,
        from: funder,
        to: keys,
        relation: 'grant',
        weight: 1,
        startDate: start,
        ...(end && end >= start ? { endDate: end } : {}),
        note,
      };
    }
  }
}

function funderSector(name: string): Sector {
  const n = name.normalize('NFKC');
  if (/^(北海道|東京都|(京都|大阪)府|.{2,3}県)$/.test(n)) return 'prefecture';
  if (/^.{1,5}[市区町村]$/.test(n)) return 'municipality';
  if (/省$|庁$/.test(n)) return 'national_government';
  if (/日本学術振興会|科学技術振興機構|新エネルギー・産業技術総合開発機構/.test(n))
    return 'national_lab';
  if (/財団|協会|ファンド|機構/.test(n)) return 'support_org';
  return organisationSector(n);
}

async function* parseResearchmap(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const values = await readJsonOrLines(input);
  const documents = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  let index = 0;
  for (const doc of documents) {
    if (!isObject(doc) || doc['@type'] !== 'researchers') {
      throw wrongShape(
        input,
        'researchmap',
        'researcher documents of API v2 ("@type": "researchers")',
      );
    }
    yield* mapResearcher(doc, documents.length > 1 ? `researcher[${index}]` : 'researcher');
    index += 1;
  }
}

export const researchmapConnector: SourceConnector = {
  source: 'researchmap',
  credit: RESEARCHMAP_CREDIT,
  parse: parseResearchmap,
};
