/**
 * Every entity's specification, by name, and the order they load in. The shape of a specification
 * is in entity-spec.ts (re-exported here), the specifications in network-entity-specs.ts and
 * activity-entity-specs.ts.
 */
import {
  adoptions,
  cases,
  funding,
  indicators,
  programmes,
  projects,
  supportMeasures,
} from './activity-entity-specs.ts';
import { ENTITY_NAMES, type EntityName, type EntitySpec } from './entity-spec.ts';
import { actors, needs, relations, seeds } from './network-entity-specs.ts';
import { regionStrategies, trainingProgrammes } from './region-entity-specs.ts';

export {
  ACTOR_STRONG_IDENTIFIERS,
  ENTITY_NAMES,
  listedFields,
  type ColumnCodec,
  type ColumnSpec,
  type EntityName,
  type EntitySpec,
} from './entity-spec.ts';

export const ENTITY_SPECS: Record<EntityName, EntitySpec> = {
  actors,
  relations,
  seeds,
  needs,
  projects,
  programmes,
  adoptions,
  funding,
  'support-measures': supportMeasures,
  cases,
  indicators,
  'region-strategies': regionStrategies,
  'training-programmes': trainingProgrammes,
};

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}

/** Order in which entities must be loaded so references resolve. */
export const LOAD_ORDER: readonly EntityName[] = [
  'actors',
  'relations',
  'programmes',
  'adoptions',
  'projects',
  'seeds',
  'needs',
  'funding',
  'support-measures',
  'cases',
  'indicators',
  'region-strategies',
  'training-programmes',
];
