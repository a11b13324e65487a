/**
 * SDGs suggested from the text of seeds and projects (public records), with their evidence; and the
 * records of one goal, tagged or suggested, so a goal can be filtered on even where nobody tagged it.
 */
import { suggestSdgs, type SdgSuggestion, type SdgTextField } from '#analytics/sdg-suggestions.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import { ZSeed, type Seed } from '#core/entities/seed.ts';
import type { Repositories } from '#core/ports.ts';
import { readAll } from '../programmes/load-records.ts';

export const SDG_ENTITIES = ['seeds', 'projects'] as const;
export type SdgEntity = (typeof SDG_ENTITIES)[number];

interface TextRecord {
  id: string;
  title: string;
  sdgs: number[];
  fields: SdgTextField[];
}

function seedText(seed: Seed): TextRecord {
  return {
    id: seed.id,
    title: seed.title,
    sdgs: seed.sdgs,
    fields: [
      { name: 'title', text: seed.title },
      { name: 'abstract', text: seed.abstract ?? '' },
      { name: 'keywords', text: seed.keywords.join(';') },
      { name: 'field', text: seed.field ?? '' },
    ],
  };
}

function projectText(project: Project): TextRecord {
  return {
    id: project.id,
    title: project.title,
    sdgs: project.sdgs,
    fields: [
      { name: 'title', text: project.title },
      { name: 'description', text: project.description ?? '' },
      { name: 'kpis', text: (project.kpis ?? []).map((k) => k.name).join(';') },
    ],
  };
}

async function textRecords(repos: Repositories, entity: SdgEntity): Promise<TextRecord[]> {
  return entity === 'seeds'
    ? (await readAll(repos, 'seeds', ZSeed)).map(seedText)
    : (await readAll(repos, 'projects', ZProject)).map(projectText);
}

export interface RecordSdgs {
  entity: SdgEntity;
  id: string;
  title: string;
  /** The goals the record is tagged with. */
  tagged: number[];
  /** Goals its text suggests, with evidence (tagged ones marked). */
  suggestions: SdgSuggestion[];
  note: string;
}

const NOTE =
  'suggested from the text by cue terms per goal: evidence for a person to confirm, not a tag';

export async function suggestRecordSdgs(
  repos: Repositories,
  request: { entity: SdgEntity; id: string },
): Promise<RecordSdgs> {
  const stored = await repos.entity(request.entity).get(request.id);
  if (!stored)
    throw new DomainError('not_found', `no ${request.entity.slice(0, -1)} ${request.id}`);
  const record =
    request.entity === 'seeds'
      ? seedText(ZSeed.parse(stored.record))
      : projectText(ZProject.parse(stored.record));
  return {
    entity: request.entity,
    id: record.id,
    title: record.title,
    tagged: record.sdgs,
    suggestions: suggestSdgs(record.fields, record.sdgs),
    note: NOTE,
  };
}

export interface SdgRecords {
  entity: SdgEntity;
  sdg: number;
  /** Tagged with the goal, or suggested for it by their text. */
  records: {
    id: string;
    title: string;
    tagged: boolean;
    suggested: boolean;
    evidence: SdgSuggestion['evidence'];
  }[];
  tagged: number;
  suggestedOnly: number;
  note: string;
}

export async function findRecordsBySdg(
  repos: Repositories,
  request: { entity: SdgEntity; sdg: number; limit?: number },
): Promise<SdgRecords> {
  if (!Number.isInteger(request.sdg) || request.sdg < 1 || request.sdg > 17)
    throw new DomainError('validation_failed', `sdg must be 1..17, got ${request.sdg}`, {
      field: 'sdg',
    });
  const records = [];
  for (const r of await textRecords(repos, request.entity)) {
    const tagged = r.sdgs.includes(request.sdg);
    const suggestion = suggestSdgs(r.fields, r.sdgs).find((s) => s.sdg === request.sdg);
    if (!tagged && !suggestion) continue;
    records.push({
      id: r.id,
      title: r.title,
      tagged,
      suggested: suggestion !== undefined,
      evidence: suggestion?.evidence ?? [],
    });
  }
  records.sort(
    (a, b) =>
      Number(b.tagged) - Number(a.tagged) ||
      b.evidence.length - a.evidence.length ||
      a.id.localeCompare(b.id),
  );
  return {
    entity: request.entity,
    sdg: request.sdg,
    records: records.slice(0, request.limit ?? 100),
    tagged: records.filter((r) => r.tagged).length,
    suggestedOnly: records.filter((r) => !r.tagged).length,
    note: NOTE,
  };
}
