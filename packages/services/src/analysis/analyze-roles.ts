import {
  ANCHOR_MIN_TIES,
  CORE_MIN_KNOWN_CRITERIA,
  STAR_MIN_BASELINE,
  STAR_MIN_CITATIONS,
  STAR_MIN_PAPERS,
  findAnchorCompanies,
  findCoreCompanies,
  findStarScientists,
  type RoleCandidate,
  type RoleOptions,
} from '#analytics/abc/roles.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import { compactNetworkOf, type AnyNetwork } from './load-network.ts';

export interface RolesOutput {
  starScientists: RoleCandidate[];
  coreCompanies: RoleCandidate[];
  anchorCompanies: RoleCandidate[];
  /** The formulas and thresholds used, so the scores can be checked. */
  parameters: Required<RoleOptions>;
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: GeneratedDataNote | null;
  /**
   * The minimum evidence a claim needs; below it a candidate's status is `insufficient_evidence`
   * and it does not qualify, whatever its score.
   */
  minimumEvidence: {
    starBaseline: number;
    starPapers: number;
    starCitations: number;
    coreRecordedCriteria: number;
    anchorTies: number;
  };
}

/** Every project, checked as it is read (a few hundred on the demo: not worth columns). */
async function readProjects(repos: Repositories): Promise<Project[]> {
  const projects: Project[] = [];
  for await (const batch of repos.entity('projects').iterate(10_000))
    for (const record of batch) projects.push(ZProject.parse(record));
  return projects;
}

/**
 * Detects star scientists, regional core companies and anchor companies, each with score and
 * evidence. The network is the compact one (`repos.network.readCompact()`: no record objects, read
 * from the stored snapshot while the data are unchanged); `loaded`: actors and relations already
 * loaded for the same data (the analysis store's network, shared by the analyses of one data
 * state; records give the same answer), so only the projects are read here.
 */
export async function analyzeRoles(
  repos: Repositories,
  clock: Clock,
  options: RoleOptions = {},
  loaded?: AnyNetwork,
): Promise<RolesOutput> {
  const [compact, projects] = await Promise.all([
    loaded ? compactNetworkOf(loaded) : repos.network.readCompact(),
    readProjects(repos),
  ]);
  const network = { ...compact, projects };
  const parameters: Required<RoleOptions> = {
    starTopShare: options.starTopShare ?? 0.1,
    coreMinScore: options.coreMinScore ?? 0.6,
    anchorMinScore: options.anchorMinScore ?? 0.5,
    limit: options.limit ?? 50,
    asOfYear: options.asOfYear ?? clock.now().getUTCFullYear(),
  };
  return {
    starScientists: findStarScientists(network.actors, network.relations, parameters),
    coreCompanies: findCoreCompanies(
      network.actors,
      network.relations,
      network.projects,
      parameters,
    ),
    anchorCompanies: findAnchorCompanies(network.actors, network.relations, parameters),
    parameters,
    generatedData: generatedDataNote(network),
    minimumEvidence: {
      starBaseline: STAR_MIN_BASELINE,
      starPapers: STAR_MIN_PAPERS,
      starCitations: STAR_MIN_CITATIONS,
      coreRecordedCriteria: CORE_MIN_KNOWN_CRITERIA,
      anchorTies: ANCHOR_MIN_TIES,
    },
  };
}
