/**
 * `musubi demo`: a realistic Japanese innovation ecosystem generated from a fixed seed. Pure: the
 * same seed and scale give the same records; every record passes its core schema.
 */
import type { EntityName } from '#core/entities/registry.ts';
import type { StoredRecord } from '#core/ports.ts';
import { generateActors } from './generate-actors.ts';
import { generateConsortium } from './generate-consortium.ts';
import { generateFunding } from './generate-funding.ts';
import { generateIndicators } from './generate-indicators.ts';
import { generateKakenProjects } from './generate-kaken-projects.ts';
import { generatePrefectureProgrammes } from './generate-prefecture-programmes.ts';
import { generateAdoptions, generateProgrammes } from './generate-programmes.ts';
import { generateRegionPlans } from './generate-region-plans.ts';
import { generateCases, generateProjects } from './generate-projects.ts';
import { generateRelations } from './generate-relations.ts';
import { generateNeeds, generateSeeds } from './generate-seeds-needs.ts';
import { generateSupportMeasures } from './generate-support-measures.ts';
import { createRandom } from './random.ts';

/** Every entity's records, keyed exactly by the registry's entity names. */
export type DemoEcosystem = Record<EntityName, StoredRecord[]>;

export interface DemoOptions {
  /** Seed of the pseudo-random generator (default DEFAULT_DEMO_SEED). */
  seed?: number;
  /** 1 gives the full demo (~24,000 actors, 100,000 relations); smaller values for tests. */
  scale?: number;
}

export const DEFAULT_DEMO_SEED = 20_250_401;

/** Sizes at scale 1. */
export const DEMO_SIZES = {
  relations: 100_000,
  seeds: 5_000,
  needs: 2_000,
  projects: 360,
  cases: 64,
} as const;

/** The seed of the texts' stream: the demo seed mixed with a constant (golden-ratio bits). */
const textSeed = (seed: number): number => (seed ^ 0x9e3779b9) >>> 0;

export function generateDemoEcosystem(options: DemoOptions = {}): DemoEcosystem {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new RangeError(`demo scale must be in (0, 10], got ${scale}`);
  }
  const random = createRandom(seed);
  const sized = (n: number, min: number) => Math.max(min, Math.round(n * scale));

  const world = generateActors(random, scale);
  const relations = generateRelations(random, world, sized(DEMO_SIZES.relations, 500));
  // Texts draw from their own stream, so rewording them never moves the records after them.
  const texts = createRandom(textSeed(seed));
  const seeds = generateSeeds(texts, world, sized(DEMO_SIZES.seeds, 50));
  const needs = generateNeeds(texts, world, sized(DEMO_SIZES.needs, 20));
  // The national catalogue's programmes, then the prefectures' own (no randomness drawn).
  const programmes = [
    ...generateProgrammes(),
    ...generatePrefectureProgrammes((id) => world.byId.has(id)),
  ];
  const adoptions = generateAdoptions(random, world);
  const projects = generateProjects(random, world, adoptions, sized(DEMO_SIZES.projects, 20));
  const cases = generateCases(random, projects, Math.max(DEMO_SIZES.cases, 0));
  const funding = generateFunding(random, world, adoptions, projects);
  const supportMeasures = generateSupportMeasures(random, world);
  const indicators = generateIndicators(world, relations, funding);
  const regionPlans = generateRegionPlans(seed, indicators);
  // Added after the indicators, from their own stream: the records above stay as they were.
  const kaken = generateKakenProjects(seed, world);
  const consortium = generateConsortium(
    world,
    projects.map((p) => p.project),
    adoptions.map((a) => a.adoption),
    funding,
  );

  return {
    actors: [...world.actors, consortium.body],
    relations: [...relations, ...consortium.relations],
    seeds: [...seeds, ...kaken.seeds],
    needs,
    projects: projects.map((p) => p.project),
    programmes,
    adoptions: adoptions.map((a) => a.adoption),
    funding: [...funding, ...kaken.funding],
    'support-measures': supportMeasures,
    cases,
    indicators: [...indicators, ...regionPlans.indicators],
    'region-strategies': regionPlans.strategies,
    'training-programmes': regionPlans.trainingProgrammes,
  };
}
