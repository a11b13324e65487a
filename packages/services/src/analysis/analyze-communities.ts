import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { buildActorGraphFromColumns, type ActorGraphOptions } from '#analytics/abc/actor-graph.ts';
import { analyseCommunities, type PartitionReport } from '#analytics/abc/communities.ts';
import { WHEEL_SECTORS } from '#analytics/abc/wheel.ts';
import { DomainError } from '#core/domain-error.ts';
import { ZIsoDate } from '#core/fields.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import type { CompactNetwork } from '#core/network-columns.ts';
import { compactNetworkOf, type AnyNetwork } from './load-network.ts';

export const ZCommunityParameters = z.object({
  resolution: z.number().positive('resolution must be above 0').max(100).default(1),
  seed: z.number().int().default(1),
  /** Reference date for recency weights (default: today). */
  asOf: ZIsoDate.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  relationTypes: z.array(z.enum(RELATION_TYPES)).optional(),
  sectors: z.array(z.enum(SECTORS)).optional(),
  halfLifeYears: z.number().positive().default(5),
  minSize: z.number().int().min(1).default(3),
});
export type CommunityParameters = z.input<typeof ZCommunityParameters>;

/** The contract shape of `musubi analyze communities --json` (fields may be added, never renamed). */
export interface CommunitiesOutput {
  runId: string | null;
  resolution: number;
  seed: number;
  modularity: number;
  ami: number;
  communityCount: number;
  unassigned: number;
  /** Leiden iterations run and why they stopped: `converged`, `negligible_gain` (< 5e-4), `max_iterations`. */
  iterations: number;
  stoppedBy: string;
  communities: {
    id: string;
    size: number;
    members: string[];
    prefectures: string[];
    prefectureCounts: Record<string, number>;
    crossPrefectureShare: number;
    scale: string;
    coreActors: { id: string; name: string; score: number }[];
    wheel: Record<string, string[]>;
    wheelCounts: Record<string, number>;
    sectorTies: Record<string, number>;
    gaps: { kind: string; sectors: string[]; ja: string; en: string }[];
  }[];
}

export function toCommunitiesOutput(
  report: PartitionReport,
  runId: string | null,
): CommunitiesOutput {
  return {
    runId,
    resolution: report.resolution,
    seed: report.seed,
    modularity: report.modularity,
    ami: report.ami,
    communityCount: report.communityCount,
    unassigned: report.unassigned,
    iterations: report.iterations,
    stoppedBy: report.stoppedBy,
    communities: report.communities.map((c) => ({
      id: c.id,
      size: c.size,
      members: c.members,
      prefectures: c.prefectures,
      prefectureCounts: c.prefectureCounts,
      crossPrefectureShare: c.crossPrefectureShare,
      scale: c.scale,
      coreActors: c.coreActors,
      wheel: Object.fromEntries(
        WHEEL_SECTORS.map((s) => [s, (c.wheel.influencers[s] ?? []).map((i) => i.id)]),
      ),
      wheelCounts: c.wheel.counts,
      sectorTies: c.wheel.ties,
      gaps: c.wheel.gaps,
    })),
  };
}

export function graphOptions(
  parameters: z.output<typeof ZCommunityParameters>,
  clock: Clock,
): ActorGraphOptions {
  return {
    asOf: parameters.asOf ?? clock.now().toISOString().slice(0, 10),
    halfLifeYears: parameters.halfLifeYears,
    ...(parameters.from ? { from: parameters.from } : {}),
    ...(parameters.to ? { to: parameters.to } : {}),
    ...(parameters.relationTypes ? { relationTypes: parameters.relationTypes } : {}),
    ...(parameters.sectors ? { sectors: parameters.sectors } : {}),
  };
}

export function parseCommunityParameters(
  input: CommunityParameters,
): z.output<typeof ZCommunityParameters> {
  const parsed = ZCommunityParameters.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('validation_failed', `${issue?.path.join('.')}: ${issue?.message}`, {
      field: issue?.path.join('.'),
    });
  }
  return parsed.data;
}

/** Computes the partition on an already loaded network (several resolutions share one load). */
export function computeCommunities(
  network: AnyNetwork,
  input: CommunityParameters,
  clock: Clock,
): PartitionReport {
  const parameters = parseCommunityParameters(input);
  const options = graphOptions(parameters, clock);
  const { actors, relations } = compactNetworkOf(network);
  const graph = buildActorGraphFromColumns(actors, relations, options);
  return analyseCommunities(graph, {
    resolution: parameters.resolution,
    seed: parameters.seed,
    minSize: parameters.minSize,
    asOfYear: Number(options.asOf.slice(0, 4)),
  });
}

/**
 * Finds the ABC communities at one or more resolutions and stores each run (parameters, date, result)
 * so trends between years can be compared. `network`: the compact network when the caller holds it
 * (read once, then named over: see `nameCommunitiesOutputs`).
 */
export async function analyzeCommunities(
  repos: Repositories,
  clock: Clock,
  runs: readonly CommunityParameters[],
  options: { save?: boolean; network?: CompactNetwork } = {},
): Promise<CommunitiesOutput[]> {
  const network = options.network ?? (await repos.network.readCompact());
  const outputs: CommunitiesOutput[] = [];
  for (const input of runs) {
    const parameters = parseCommunityParameters(input);
    const report = computeCommunities(network, parameters, clock);
    let runId: string | null = null;
    if (options.save ?? true) {
      runId = randomUUID();
      await repos.analysisRuns.save({
        id: runId,
        kind: 'communities',
        parameters: { ...parameters, asOf: graphOptions(parameters, clock).asOf },
        summary: {
          modularity: report.modularity,
          ami: report.ami,
          communityCount: report.communityCount,
          iterations: report.iterations,
          stoppedBy: report.stoppedBy,
          sizes: report.sizes.slice(0, 20),
        },
        result: toCommunitiesOutput(report, runId),
        createdAt: clock.now().toISOString(),
      });
    }
    outputs.push(toCommunitiesOutput(report, runId));
  }
  return outputs;
}
