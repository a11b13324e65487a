import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import { ZRelation, type Relation } from '#core/entities/relation.ts';
import { ZSeed, type Seed } from '#core/entities/seed.ts';
import type { CompactNetwork, NetworkActor, RelationColumns } from '#core/network-columns.ts';
import type { Repositories } from '#core/ports.ts';
import type { z } from 'zod';

/**
 * Where a stored record that fails its schema is reported (one line each): a row written past
 * every check (straight in SQL, an older version) is left out of the read rather than failing
 * every analysis and view over the whole network. The server's log by default.
 */
export type InvalidRecordReport = (line: string) => void;
const toLog: InvalidRecordReport = (line) => console.error(line);

/**
 * `musubi: actors x1 left out of the network read, field lat: coordinates are kept for actors in
 * Japan only …`: the table, the record's id and the fields that failed. `withReasons: false` leaves
 * the schema's messages out (for records whose text may be confidential: needs), so the line names
 * the record and the field and quotes nothing of it.
 */
export function invalidRecordLine(
  entity: EntityName,
  record: unknown,
  error: z.ZodError,
  leftOutOf: string,
  withReasons = true,
): string {
  const id =
    typeof record === 'object' && record !== null && 'id' in record ? String(record.id) : '?';
  const fields = [...new Set(error.issues.map((i) => i.path.join('.') || '(record)'))];
  const reasons = [...new Set(error.issues.map((i) => i.message))];
  const line = `musubi: ${entity} ${id} left out of ${leftOutOf}, field ${fields.join(', ')}`;
  return withReasons ? `${line}: ${reasons.join('; ')}` : line;
}

function invalidLine(entity: EntityName, record: unknown, error: z.ZodError): string {
  return invalidRecordLine(entity, record, error, 'the network read');
}

async function readValid<T>(
  repos: Repositories,
  entity: EntityName,
  schema: z.ZodType<T, unknown>,
  report: InvalidRecordReport,
): Promise<{ valid: T[]; leftOut: Set<string> }> {
  const valid: T[] = [];
  const leftOut = new Set<string>();
  for await (const batch of repos.entity(entity).iterate(10_000))
    for (const record of batch) {
      const parsed = schema.safeParse(record);
      if (parsed.success) valid.push(parsed.data);
      else {
        leftOut.add(typeof record.id === 'string' ? record.id : '');
        report(invalidLine(entity, record, parsed.error));
      }
    }
  return { valid, leftOut };
}

export interface Network {
  actors: Actor[];
  relations: Relation[];
  seeds: Seed[];
  projects: Project[];
}

/**
 * Reads what the network analyses need, validating each record as it leaves storage: a record
 * that fails is left out with a line to `onInvalid` (and the ties of an actor left out with it).
 */
export async function loadNetwork(
  repos: Repositories,
  parts: { seeds?: boolean; projects?: boolean; onInvalid?: InvalidRecordReport } = {},
): Promise<Network> {
  const report = parts.onInvalid ?? toLog;
  const none = { valid: [], leftOut: new Set<string>() };
  const [actors, relations, seeds, projects] = await Promise.all([
    readValid(repos, 'actors', ZActor, report),
    readValid(repos, 'relations', ZRelation, report),
    parts.seeds ? readValid(repos, 'seeds', ZSeed, report) : none,
    parts.projects ? readValid(repos, 'projects', ZProject, report) : none,
  ]);
  const gone = actors.leftOut;
  const ties =
    gone.size === 0
      ? relations.valid
      : relations.valid.filter((r) => !gone.has(r.sourceId) && !gone.has(r.targetId));
  if (ties.length < relations.valid.length)
    report(
      `musubi: ${relations.valid.length - ties.length} relations of the actors left out (${[...gone].join(', ')}) left out with them`,
    );
  return { actors: actors.valid, relations: ties, seeds: seeds.valid, projects: projects.valid };
}

/**
 * The actors, checked as they are read: one failing its schema is left out with a line (`leftOut`
 * holds its id), for a reader that takes the relations from the compact read.
 */
export async function loadActors(
  repos: Repositories,
  onInvalid: InvalidRecordReport = toLog,
): Promise<{ actors: Actor[]; leftOut: ReadonlySet<string> }> {
  const { valid, leftOut } = await readValid(repos, 'actors', ZActor, onInvalid);
  return { actors: valid, leftOut };
}

/** The seeds, checked as they are read: one failing its schema is left out with a line. */
export async function loadSeeds(
  repos: Repositories,
  onInvalid: InvalidRecordReport = toLog,
): Promise<Seed[]> {
  return (await readValid(repos, 'seeds', ZSeed, onInvalid)).valid;
}

/** The projects, checked as they are read: one failing its schema is left out with a line. */
export async function loadProjects(
  repos: Repositories,
  onInvalid: InvalidRecordReport = toLog,
): Promise<Project[]> {
  return (await readValid(repos, 'projects', ZProject, onInvalid)).valid;
}

/** The network in either form: records (`loadNetwork`), or the compact read (`readCompact`). */
export interface AnyNetwork {
  actors: readonly NetworkActor[];
  relations: RelationColumns | readonly Relation[];
}

/**
 * The network with its seeds, in either form: what the strengths count (actors' fields and seeds;
 * the relations only for the honest-demo note).
 */
export interface SeededNetwork extends AnyNetwork {
  seeds: readonly Seed[];
}

/** The network in the compact form, for analyses that accept either (a network already loaded). */
export function compactNetworkOf(network: AnyNetwork): CompactNetwork {
  const { actors, relations } = network;
  if ('count' in relations) return { actors, relations };
  return { actors, relations: relationColumnsOf(actors, relations) };
}
