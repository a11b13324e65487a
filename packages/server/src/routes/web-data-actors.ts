/** The actor directory (`/api/web/actors`) and actor profiles (`/api/web/actors/{id}`). */
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import { isStale } from '#core/freshness.ts';
import { NO_DAY } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import type { ZDirectoryQuery } from '#contract/routes/web-data.ts';
import { dateOfDay } from './web-data-relations.ts';
import type { WebSnapshot } from './web-data-snapshot.ts';
import type { WebActorPage, WebActorProfile } from '#contract/web-data-types.ts';

/** Full-width → half-width, case-folded, katakana → hiragana: 「ﾄｳｷｮｳ」 finds 「とうきょう」. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** Per actor list (kept while the network part of the snapshot is the same). */
const searchTexts = new WeakMap<readonly Actor[], string[]>();

function searchTextOf(snapshot: WebSnapshot): string[] {
  let texts = searchTexts.get(snapshot.actors);
  if (!texts) {
    texts = snapshot.actors.map((a) =>
      foldForSearch([a.name, a.nameEn ?? '', a.nameKana ?? '', a.id].join('\u0000')),
    );
    searchTexts.set(snapshot.actors, texts);
  }
  return texts;
}

/**
 * A page of the directory. `today` (YYYY-MM-DD) dates the stale flag: a record never confirmed, or
 * confirmed longer ago than its source allows, is to confirm (core/freshness.ts, as the lists).
 */
export function directory(
  snapshot: WebSnapshot,
  query: z.output<typeof ZDirectoryQuery>,
  today: string,
): WebActorPage {
  const texts = searchTextOf(snapshot);
  const needle = query.q ? foldForSearch(query.q.trim()) : '';
  const communityIndex = query.community
    ? snapshot.communities.communities.findIndex((c) => c.id === query.community)
    : -1;
  if (query.community && communityIndex < 0)
    throw new DomainError('not_found', `no community ${query.community}`, { field: 'community' });
  const matches: number[] = [];
  snapshot.actors.forEach((a, i) => {
    if (query.sector && a.sector !== query.sector) return;
    if (query.kind && a.kind !== query.kind) return;
    if (query.flag && !a.flags.includes(query.flag)) return;
    if (query.prefecture && a.prefectureCode !== query.prefecture) return;
    if (query.community && snapshot.communityOf[i] !== communityIndex) return;
    if (needle && !(texts[i] ?? '').includes(needle)) return;
    if (query.stale === 'true' && !isStale(a, today)) return;
    matches.push(i);
  });
  const startsWith = (i: number) => (needle && (texts[i] ?? '').startsWith(needle) ? 1 : 0);
  matches.sort(
    (a, b) =>
      startsWith(b) - startsWith(a) ||
      (snapshot.degree[b] ?? 0) - (snapshot.degree[a] ?? 0) ||
      (snapshot.actors[a]?.id ?? '').localeCompare(snapshot.actors[b]?.id ?? ''),
  );
  const items = matches.slice(query.offset, query.offset + query.limit).map((i) => {
    const a = snapshot.actors[i];
    const ci = snapshot.communityOf[i] ?? -1;
    return {
      id: a?.id ?? '',
      name: a?.name ?? '',
      nameEn: a?.nameEn ?? null,
      kind: a?.kind ?? 'organization',
      sector: a?.sector ?? 'other',
      prefectureCode: a?.prefectureCode ?? '',
      flags: a?.flags ?? [],
      community: ci >= 0 ? (snapshot.communities.communities[ci]?.id ?? null) : null,
      degree: snapshot.degree[i] ?? 0,
      source: a?.source ?? null,
      confirmedAt: a?.confirmedAt ?? null,
      stale: a ? isStale(a, today) : false,
    };
  });
  return { total: matches.length, offset: query.offset, limit: query.limit, items };
}

const PROFILE_RELATIONS = 300;

export function profile(snapshot: WebSnapshot, id: string): WebActorProfile {
  const i = snapshot.indexOf.get(id);
  const actor = i === undefined ? undefined : snapshot.actors[i];
  if (i === undefined || !actor) throw new DomainError('not_found', `no actor ${id}`);
  const ci = snapshot.communityOf[i] ?? -1;
  const community = ci >= 0 ? snapshot.communities.communities[ci] : undefined;

  const ties = snapshot.relations;
  const relationIndices: number[] = [];
  for (let k = snapshot.relationOffsets[i] ?? 0; k < (snapshot.relationOffsets[i + 1] ?? 0); k++)
    relationIndices.push(snapshot.relationsOf[k] ?? 0);
  // newest first; those without a start date last (NO_DAY is the smallest day)
  relationIndices.sort((a, b) => (ties.startDay[b] ?? NO_DAY) - (ties.startDay[a] ?? NO_DAY));
  const relations = relationIndices.slice(0, PROFILE_RELATIONS).map((r) => {
    const out = ties.source[r] === i;
    const other = out ? (ties.target[r] ?? 0) : (ties.source[r] ?? 0);
    const otherActor = snapshot.actors[other];
    return {
      otherId: otherActor?.id ?? '',
      otherName: otherActor?.name ?? '',
      otherSector: otherActor?.sector ?? 'other',
      type: RELATION_TYPES[ties.type[r] ?? 0] ?? 'participation',
      direction: out ? ('out' as const) : ('in' as const),
      startDate: dateOfDay(ties.startDay[r] ?? NO_DAY) ?? null,
      endDate: dateOfDay(ties.endDay[r] ?? NO_DAY) ?? null,
    };
  });

  const projects = snapshot.projects.flatMap((p) => {
    const member = p.members.find((m) => m.actorId === id);
    return member
      ? [{ id: p.id, title: p.title, stage: p.stage, role: member.role, adoptionId: p.adoptionId }]
      : [];
  });
  const programmeName = new Map(snapshot.programmes.map((p) => [p.id, p.name]));
  const projectAdoptions = new Set(projects.map((p) => p.adoptionId).filter(Boolean));
  const adoptions = snapshot.adoptions
    .filter((a) => a.coreInstitutionId === id || projectAdoptions.has(a.id))
    .map((a) => ({
      id: a.id,
      regionName: a.regionName,
      programmeName: programmeName.get(a.programmeId) ?? a.programmeId,
      startFy: a.startFy,
      endFy: a.endFy ?? null,
      via: a.coreInstitutionId === id ? ('core_institution' as const) : ('project' as const),
    }));

  return {
    actor: { ...actor },
    community: community
      ? { id: community.id, name: community.name, nameEn: community.nameEn, size: community.size }
      : null,
    degree: snapshot.degree[i] ?? 0,
    relations: { total: relationIndices.length, items: relations },
    seeds: snapshot.seeds
      .filter((s) => s.ownerId === id)
      .map((s) => ({ id: s.id, title: s.title, kind: s.kind, trl: s.trl ?? null })),
    needs: snapshot.publicNeeds
      .filter((s) => s.ownerId === id)
      .map((s) => ({ id: s.id, title: s.title, open: s.open })),
    projects: projects.map(({ adoptionId: _adoptionId, ...rest }) => rest),
    adoptions,
    roles: snapshot.roles().get(id) ?? [],
  };
}

// ---------------------------------------------------------------- registration
