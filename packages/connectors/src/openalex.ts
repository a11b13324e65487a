import { isValidOrcid, isValidRorId, normalizeOrcid, normalizeRorId } from '#core/identifiers.ts';
import type {
  ActorKeys,
  ConnectorInput,
  ConnectorOutput,
  ConnectorRecord,
  SourceConnector,
} from './connector.ts';
import { readJsonOrLines, wrongShape } from './read-input.ts';
import { asArray, isObject, lastPathPart, prefectureCodeOfName, text } from './values.ts';
import { skippedAt } from './skip-reasons.ts';

/**
 * OpenAlex (CC0): works, authors and institutions, as API answers ({meta, results}), single objects,
 * arrays, or the snapshot's JSON Lines. Works give co-authorship between Japanese institutions and
 * people, counted over the file; authors and institutions give actors linked by ORCID and ROR.
 */
export const OPENALEX_CREDIT = 'Source: OpenAlex (CC0), https://openalex.org';

type Entity = 'work' | 'author' | 'institution';

function entityOf(object: Record<string, unknown>): Entity | undefined {
  const id = lastPathPart(object['id']) ?? '';
  if (/^W\d+$/.test(id)) return 'work';
  if (/^A\d+$/.test(id)) return 'author';
  if (/^I\d+$/.test(id)) return 'institution';
  return undefined;
}

function rorOf(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const ror = normalizeRorId(raw);
  return isValidRorId(ror) ? ror : undefined;
}

function orcidOf(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const orcid = normalizeOrcid(raw);
  return isValidOrcid(orcid) ? orcid : undefined;
}

function sectorOfType(
  type: string | undefined,
  name: string,
): 'university' | 'company' | 'national_lab' | 'national_government' | 'other' {
  if (type === 'education') return 'university';
  if (type === 'company') return 'company';
  if (type === 'facility') return 'national_lab';
  if (type === 'government')
    return /Institute|研究/.test(name) ? 'national_lab' : 'national_government';
  return 'other';
}

function institutionActor(
  institution: Record<string, unknown>,
  at: string,
): (ConnectorRecord & { type: 'actor' }) | undefined {
  const id = lastPathPart(institution['id']);
  const name = text(institution['display_name']);
  if (!id || !name) return undefined;
  const geo = isObject(institution['geo']) ? institution['geo'] : {};
  const country = text(institution['country_code']) ?? text(geo['country_code']);
  const international =
    isObject(institution['international']) && isObject(institution['international']['display_name'])
      ? institution['international']['display_name']
      : {};
  const nameJa = text(international['ja']);
  const prefectureCode = country === 'JP' ? prefectureCodeOfName(text(geo['region'])) : undefined;
  const ror = rorOf(institution['ror']);
  const lat = typeof geo['latitude'] === 'number' ? geo['latitude'] : undefined;
  const lon = typeof geo['longitude'] === 'number' ? geo['longitude'] : undefined;
  const homepage = text(institution['homepage_url']);
  return {
    type: 'actor',
    at,
    keys: {
      openalexId: id,
      ...(ror ? { ror } : {}),
      name: nameJa ?? name,
      kind: 'organization',
      ...(prefectureCode ? { prefectureCode } : {}),
      ...(country && country !== 'JP' ? { countryCode: country } : {}),
    },
    fields: {
      kind: 'organization',
      sector: sectorOfType(text(institution['type']), name),
      name: nameJa ?? name,
      ...(nameJa ? { nameEn: name } : {}),
      ...(prefectureCode ? { prefectureCode } : {}),
      ...(country ? { countryCode: country } : {}),
      ...(lat !== undefined && lon !== undefined && prefectureCode ? { lat, lon } : {}),
      ...(homepage && /^https?:\/\//.test(homepage) ? { url: homepage } : {}),
      ...(typeof institution['works_count'] === 'number'
        ? { papers: institution['works_count'] }
        : {}),
      ...(typeof institution['cited_by_count'] === 'number'
        ? { citations: institution['cited_by_count'] }
        : {}),
    },
  };
}

/** An institution outside Japan with a country code OpenAlex gives. */
function isForeign(institution: Record<string, unknown>): boolean {
  const country = text(institution['country_code']);
  return country !== undefined && /^[A-Z]{2}$/.test(country) && country !== 'JP';
}

function personKeys(author: Record<string, unknown>): ActorKeys | undefined {
  const id = lastPathPart(author['id']);
  const name = text(author['display_name']);
  if (!id || !name) return undefined;
  const ids = isObject(author['ids']) ? author['ids'] : {};
  const orcid = orcidOf(author['orcid']) ?? orcidOf(ids['orcid']);
  return { openalexId: id, ...(orcid ? { orcid } : {}), name, kind: 'person' };
}

interface Tally {
  from: ActorKeys;
  to: ActorKeys;
  count: number;
  at: string;
}

function* mapWork(
  work: Record<string, unknown>,
  at: string,
  tallies: Map<string, Tally>,
): Iterable<ConnectorOutput> {
  const institutions = new Map<string, ActorKeys>();
  const people = new Map<string, ActorKeys>();
  const authorships = asArray(work['authorships']).filter(isObject);
  const institutionsOf = (authorship: Record<string, unknown>) =>
    asArray(authorship['institutions']).filter(isObject);
  // A work with a Japanese institution brings its foreign partners too, with their country.
  const withJapan = authorships.some((a) =>
    institutionsOf(a).some((i) => i['country_code'] === 'JP'),
  );
  if (!withJapan) return;
  for (const [index, authorship] of authorships.entries()) {
    for (const partner of institutionsOf(authorship).filter(isForeign)) {
      const actor = institutionActor(partner, `${at}.authorships[${index}]`);
      if (!actor) continue;
      yield actor;
      institutions.set(actor.keys.openalexId ?? actor.keys.name ?? '', actor.keys);
    }
    const japanese = institutionsOf(authorship).filter((i) => i['country_code'] === 'JP');
    if (japanese.length === 0) continue;
    const author = isObject(authorship['author']) ? personKeys(authorship['author']) : undefined;
    for (const institution of japanese) {
      const actor = institutionActor(institution, `${at}.authorships[${index}]`);
      if (!actor) continue;
      yield actor;
      institutions.set(actor.keys.openalexId ?? actor.keys.name ?? '', actor.keys);
      if (author) {
        yield {
          type: 'relation',
          at: `${at}.authorships[${index}]`,
          from: author,
          to: actor.keys,
          relation: 'affiliation',
          weight: 1,
        };
      }
    }
    if (author) {
      yield {
        type: 'actor',
        at: `${at}.authorships[${index}]`,
        keys: author,
        fields: {
          kind: 'person',
          sector: 'other',
          name: author.name ?? '',
          countryCode: 'JP',
          flags: ['researcher'],
        },
      };
      people.set(author.openalexId ?? '', author);
    }
  }
  for (const group of [[...institutions.values()], [...people.values()]]) {
    const sorted = group.sort((a, b) => (a.openalexId ?? '').localeCompare(b.openalexId ?? ''));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const from = sorted[i];
        const to = sorted[j];
        if (!from || !to) continue;
        const key = `${from.openalexId}>${to.openalexId}`;
        const tally = tallies.get(key) ?? { from, to, count: 0, at };
        tally.count += 1;
        tallies.set(key, tally);
      }
    }
  }
}

function* mapAuthor(author: Record<string, unknown>, at: string): Iterable<ConnectorOutput> {
  const keys = personKeys(author);
  if (!keys) {
    yield {
      type: 'rejected',
      at,
      field: 'id',
      reason: 'author without id or display_name',
      reasonJa: '著者のIDまたは表示名がありません',
    };
    return;
  }
  const affiliations = asArray(author['affiliations']).filter(isObject);
  const japanese = affiliations.filter(
    (a) => isObject(a['institution']) && a['institution']['country_code'] === 'JP',
  );
  if (japanese.length === 0) {
    yield skippedAt(at, 'no_japanese_affiliation', { name: keys.name ?? keys.openalexId ?? '' });
    return;
  }
  yield {
    type: 'actor',
    at,
    keys,
    fields: {
      kind: 'person',
      sector: 'other',
      name: keys.name ?? '',
      countryCode: 'JP',
      flags: ['researcher'],
      ...(typeof author['works_count'] === 'number' ? { papers: author['works_count'] } : {}),
      ...(typeof author['cited_by_count'] === 'number'
        ? { citations: author['cited_by_count'] }
        : {}),
    },
  };
  // The Japanese affiliations, then the foreign ones (partners abroad, kept with their country).
  const foreign = affiliations.filter(
    (a) => isObject(a['institution']) && isForeign(a['institution']),
  );
  for (const [index, affiliation] of [...japanese, ...foreign].entries()) {
    const institution = affiliation['institution'];
    if (!isObject(institution)) continue;
    const actor = institutionActor(institution, `${at}.affiliations[${index}]`);
    if (!actor) continue;
    yield actor;
    const years = asArray(affiliation['years']).filter((y): y is number => typeof y === 'number');
    const first = years.length > 0 ? Math.min(...years) : undefined;
    const last = years.length > 0 ? Math.max(...years) : undefined;
    yield {
      type: 'relation',
      at: `${at}.affiliations[${index}]`,
      from: keys,
      to: actor.keys,
      relation: 'affiliation',
      weight: 1,
      ...(first ? { startDate: `${first}-01-01` } : {}),
      ...(last ? { endDate: `${last}-12-31` } : {}),
    };
  }
}

async function* parseOpenAlex(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const values = await readJsonOrLines(input);
  const objects = values.flatMap((value) => {
    if (Array.isArray(value)) return value;
    if (isObject(value) && Array.isArray(value['results'])) return value['results'];
    return [value];
  });
  const tallies = new Map<string, Tally>();
  for (const [index, object] of objects.entries()) {
    const entity = isObject(object) ? entityOf(object) : undefined;
    if (!isObject(object) || !entity) {
      throw wrongShape(
        input,
        'OpenAlex',
        'works, authors or institutions (objects with an OpenAlex "id" W…, A… or I…)',
      );
    }
    const at = `${entity}[${index}]`;
    if (entity === 'work') yield* mapWork(object, at, tallies);
    else if (entity === 'author') yield* mapAuthor(object, at);
    else {
      const actor = institutionActor(object, at);
      if (actor) yield actor;
      for (const [i, associated] of asArray(object['associated_institutions']).entries()) {
        if (!isObject(associated) || associated['relationship'] !== 'parent' || !actor) continue;
        const parent = institutionActor(associated, `${at}.associated_institutions[${i}]`);
        if (parent) {
          yield parent;
          yield {
            type: 'relation',
            at,
            from: actor.keys,
            to: parent.keys,
            relation: 'membership',
            weight: 1,
          };
        }
      }
    }
  }
  for (const tally of tallies.values()) {
    yield {
      type: 'relation',
      at: tally.at,
      from: tally.from,
      to: tally.to,
      relation: 'co_authorship',
      weight: tally.count,
      note: `${tally.count} joint works in this file`,
    };
  }
}

export const openalexConnector: SourceConnector = {
  source: 'openalex',
  credit: OPENALEX_CREDIT,
  parse: parseOpenAlex,
};
