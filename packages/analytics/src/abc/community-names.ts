/**
 * Names of ABC communities made from their members, so a person reads 「静岡大学・浜松ホトニクス圏
 * （光・量子）」 instead of `c3`: the two largest organisations (most ties in the whole network,
 * universities, institutes and companies before public bodies) and the fields most members share.
 * Deterministic, and unique within one partition (a clash takes a third organisation, then the id).
 * The ids stay what they are; a name is a label for people.
 */
import { ownValue } from '#core/own-value.ts';

/** What naming needs of an actor. */
export interface NamingActor {
  id: string;
  name: string;
  nameEn?: string | undefined;
  kind: 'organization' | 'person';
  sector: string;
  field?: string | undefined;
  employees?: number | undefined;
}

export interface CommunityToName {
  id: string;
  members: readonly string[];
}

export interface CommunityName {
  id: string;
  /** Japanese name, e.g. 「静岡大学・浜松ホトニクス圏（光・量子）」. */
  name: string;
  /** English name, e.g. "Shizuoka University · Hamamatsu Photonics area (photonics & quantum)". */
  nameEn: string;
}

/** Sectors whose organisations name a community first: the ones people know a region by. */
const NAMING_SECTORS = new Set(['university', 'national_lab', 'public_research', 'company']);

/** A field must be this share of the members' recorded fields to name the community. */
const FIELD_SHARE = 0.2;

/** Legal forms left out of a name (株式会社浜松ホトニクス → 浜松ホトニクス). */
const LEGAL_FORMS =
  /地方独立行政法人|国立研究開発法人|独立行政法人|国立大学法人|公立大学法人|大学共同利用機関法人|学校法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|特定非営利活動法人|株式会社|有限会社|合同会社|[（(][株有同財社独][）)]|㈱|㈲/gu;
const LATIN_FORMS = /,?\s*\b(co\.,?\s*ltd\.?|corporation|corp\.|inc\.|k\.k\.|ltd\.|llc)$/iu;

export function shortOrganisationName(name: string): string {
  const short = name.replace(LEGAL_FORMS, '').replace(/\s+/gu, ' ').trim();
  return short.length > 0 ? short : name.trim();
}

function shortEnglishName(name: string): string {
  const short = name.replace(LATIN_FORMS, '').trim();
  return short.length > 0 ? short : name.trim();
}

/** English names of the fields the registry commonly holds; others are shown as written. */
const FIELD_NAMES_EN: Readonly<Record<string, string>> = {
  材料: 'materials',
  '食品・農業': 'food & agriculture',
  医療機器: 'medical devices',
  'IoT・AI': 'IoT & AI',
  エネルギー: 'energy',
  環境: 'environment',
  ものづくり: 'manufacturing',
  希少糖: 'rare sugars',
  放射光: 'synchrotron light',
  ライフサイエンス: 'life sciences',
  '海洋・水産': 'marine & fisheries',
  半導体: 'semiconductors',
  '光・量子': 'photonics & quantum',
  情報通信: 'ICT',
  化学: 'chemistry',
  機械: 'machinery',
  航空宇宙: 'aerospace',
  医薬: 'pharmaceuticals',
  水素: 'hydrogen',
  ロボット: 'robotics',
};

export function fieldNameEn(field: string): string {
  // A field is any text a request sends (?field=constructor): own entries only.
  return ownValue(FIELD_NAMES_EN, field) ?? field;
}

interface Ranked {
  actor: NamingActor;
  weight: number;
}

function byWeight(a: Ranked, b: Ranked): number {
  return (
    b.weight - a.weight ||
    (b.actor.employees ?? 0) - (a.actor.employees ?? 0) ||
    (a.actor.id < b.actor.id ? -1 : a.actor.id > b.actor.id ? 1 : 0)
  );
}

/** The actors a name is made of, most telling first: organisations of the naming sectors, then the rest. */
function namingActors(
  members: readonly NamingActor[],
  weightOf: (id: string) => number,
): NamingActor[] {
  const ranked = members.map((actor) => ({ actor, weight: weightOf(actor.id) })).sort(byWeight);
  const organisations = ranked.filter((r) => r.actor.kind === 'organization');
  const preferred = organisations.filter((r) => NAMING_SECTORS.has(r.actor.sector));
  const others = organisations.filter((r) => !NAMING_SECTORS.has(r.actor.sector));
  const people = ranked.filter((r) => r.actor.kind === 'person');
  const seen = new Set<string>();
  const out: NamingActor[] = [];
  for (const r of [...preferred, ...others, ...people]) {
    const short = shortOrganisationName(r.actor.name);
    if (seen.has(short)) continue;
    seen.add(short);
    out.push(r.actor);
  }
  return out;
}

/** The fields shared by at least FIELD_SHARE of the members that record one (two at most). */
function commonFields(members: readonly NamingActor[]): string[] {
  const counts = new Map<string, number>();
  let recorded = 0;
  for (const m of members) {
    const field = m.field?.trim();
    if (!field) continue;
    recorded += 1;
    counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= 2 && n / recorded >= FIELD_SHARE)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 2)
    .map(([field]) => field);
}

function compose(
  actors: readonly NamingActor[],
  fields: readonly string[],
): CommunityName & { key: string } {
  const ja = actors.map((a) => shortOrganisationName(a.name));
  const en = actors.map((a) => shortEnglishName(a.nameEn?.trim() || shortOrganisationName(a.name)));
  const name = `${ja.join('・')}圏${fields.length > 0 ? `（${fields.join('・')}）` : ''}`;
  const nameEn = `${en.join(' · ')} area${fields.length > 0 ? ` (${fields.map(fieldNameEn).join(', ')})` : ''}`;
  return { id: '', name, nameEn, key: name };
}

/**
 * Names every community of a partition. `actorOf` finds a member (unknown ids are skipped);
 * `weightOf` says how large an organisation is (its ties in the whole network, for instance).
 * Communities are named in the order given: an earlier one keeps the shorter name on a clash.
 */
export function nameCommunities(
  communities: readonly CommunityToName[],
  actorOf: (id: string) => NamingActor | undefined,
  weightOf: (id: string) => number,
): CommunityName[] {
  const taken = new Set<string>();
  return communities.map((community) => {
    const members = community.members.flatMap((id) => {
      const actor = actorOf(id);
      return actor ? [actor] : [];
    });
    const actors = namingActors(members, weightOf);
    const fields = commonFields(members);
    if (actors.length === 0) {
      const name = `コミュニティ ${community.id}`;
      taken.add(name);
      return { id: community.id, name, nameEn: `community ${community.id}` };
    }
    for (const count of [2, 3]) {
      const candidate = compose(actors.slice(0, count), fields);
      if (!taken.has(candidate.key)) {
        taken.add(candidate.key);
        return { id: community.id, name: candidate.name, nameEn: candidate.nameEn };
      }
      if (actors.length <= count) break;
    }
    const fallback = compose(actors.slice(0, 2), fields);
    const name = `${fallback.name} ${community.id}`;
    taken.add(name);
    return { id: community.id, name, nameEn: `${fallback.nameEn} ${community.id}` };
  });
}
