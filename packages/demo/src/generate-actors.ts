/**
 * Demo actors (主体) of every sector: the real universities and ROR organisations, and synthetic
 * companies, financial institutions, governments, support organisations, NPOs, schools and people,
 * each placed in one planted community. The parts run in a fixed order (one random stream).
 */
import { createActorBuilder, type ActorWorld } from './actor-world.ts';
import { addPeople } from './generate-people.ts';
import { addPrivateActors } from './generate-private-actors.ts';
import { addPublicActors } from './generate-public-actors.ts';
import type { Random } from './random.ts';

export {
  actorCounts,
  corporateNumber,
  POOL_KEYS,
  type ActorCounts,
  type ActorWorld,
  type PoolKey,
  type Pools,
} from './actor-world.ts';

/** Builds every actor; `scale` 1 gives about 24,000. */
export function generateActors(random: Random, scale: number): ActorWorld {
  const builder = createActorBuilder(random, scale);
  addPublicActors(builder);
  addPrivateActors(builder);
  addPeople(builder);
  return builder.world;
}
